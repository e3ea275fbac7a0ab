package org.prooftrail.api.console;

import java.util.List;

/** Every area of the console, in menu order. */
final class ConsoleViews {
    private ConsoleViews() {
    }

    static List<ConsoleView> all() {
        return List.of(
                new HomeView(),
                new DeviceView(),
                new ProductView(),
                new LotView(),
                new CertificateView(),
                new EpcisUploadView(),
                new TraceView(),
                new ExcursionView(),
                new AlertView(),
                new LogHealthView(),
                // the admin's areas last in the menu
                new AdminView());
    }
}
