package org.prooftrail.api.console;

import java.util.List;

/** Every area of the console, in menu order. */
final class ConsoleViews {
    private ConsoleViews() {
    }

    static List<ConsoleView> all() {
        return List.of(
                new HomeView(),
                new ProductView(),
                new LotView(),
                new CertificateView());
    }
}
