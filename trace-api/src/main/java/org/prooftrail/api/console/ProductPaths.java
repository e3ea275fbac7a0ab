package org.prooftrail.api.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Paths of the product and lot pages and of the API behind them. A lot number may hold {@code / ? % &}
 * (GS1 set 82), so it is always sent as one encoded path segment.
 */
final class ProductPaths {
    private ProductPaths() {
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String apiProduct(String gtin) {
        return "/v1/products/" + segment(gtin);
    }

    static String apiLot(String gtin, String lot) {
        return apiProduct(gtin) + "/lots/" + segment(lot);
    }

    /** Below /console, for {@link ConsoleRequest#redirect}. */
    static String product(String gtin) {
        return "/products/" + segment(gtin);
    }

    /** Below /console, for {@link ConsoleRequest#redirect}. */
    static String lot(String gtin, String lot) {
        return "/lots/" + segment(gtin) + "/" + segment(lot);
    }

    /** For links and form actions. */
    static String page(String belowConsole) {
        return ConsoleRoutes.BASE + belowConsole;
    }
}
