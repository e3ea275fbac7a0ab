package org.prooftrail.api.console;

import io.vertx.core.json.JsonObject;

/** A product's category and cold-chain rule on the console: the form fields, reading them back, and in words. */
final class ProductRule {
    private ProductRule() {
    }

    static ProductForm read(ConsoleRequest r, ProductForm f) throws ProductForm.Problem {
        return f.decimal("tempMinC", r.t("Lowest temperature", "最低温度")).decimal("tempMaxC", r.t("Highest temperature", "最高温度"))
                .integer("maxSingleExcursionMinutes", r.t("Longest single excursion", "单次超温上限"))
                .integer("maxTotalExcursionMinutes", r.t("Total excursions", "累计超温上限"))
                .integer("maxReadingGapMinutes", r.t("Longest gap between readings", "读数最长间隔"));
    }

    static String fields(ConsoleRequest r, JsonObject p) {
        return ProductHtml.input("tempMinC", r.t("Lowest temperature (°C)", "最低温度（°C）"), "text",
                        ProductHtml.number(p.getValue("tempMinC")), "inputmode=\"decimal\"")
                + ProductHtml.input("tempMaxC", r.t("Highest temperature (°C)", "最高温度（°C）"), "text",
                        ProductHtml.number(p.getValue("tempMaxC")), "inputmode=\"decimal\"")
                + ProductHtml.input("maxSingleExcursionMinutes", r.t("Longest single excursion (minutes)", "单次超温上限（分钟）"),
                        "number", p.getValue("maxSingleExcursionMinutes"), "min=\"0\"")
                + ProductHtml.input("maxTotalExcursionMinutes", r.t("Total excursions (minutes)", "累计超温上限（分钟）"),
                        "number", p.getValue("maxTotalExcursionMinutes"), "min=\"0\"")
                + ProductHtml.input("maxReadingGapMinutes", r.t("Longest gap between readings (minutes)", "读数最长间隔（分钟）"),
                        r.t("Blank: three times each device's usual interval, at least 15 minutes",
                                "留空：各设备常规上报间隔的三倍，至少 15 分钟"),
                        "number", p.getValue("maxReadingGapMinutes"), "min=\"1\" max=\"44640\"");
    }

    static String text(ConsoleRequest r, JsonObject p) {
        Object min = p.getValue("tempMinC");
        Object max = p.getValue("tempMaxC");
        if (min == null && max == null) {
            return r.t("none", "无");
        }
        StringBuilder b = new StringBuilder();
        b.append(min == null ? "…" : ProductHtml.number(min)).append(" – ").append(max == null ? "…" : ProductHtml.number(max)).append(" °C");
        if (p.getValue("maxSingleExcursionMinutes") != null) {
            b.append(r.t("; single excursion up to ", "；单次超温不超过 ")).append(p.getValue("maxSingleExcursionMinutes"))
                    .append(r.t(" min", " 分钟"));
        }
        if (p.getValue("maxTotalExcursionMinutes") != null) {
            b.append(r.t("; in total up to ", "；累计不超过 ")).append(p.getValue("maxTotalExcursionMinutes")).append(r.t(" min", " 分钟"));
        }
        if (p.getValue("maxReadingGapMinutes") != null) {
            b.append(r.t("; readings at most ", "；读数间隔不超过 ")).append(p.getValue("maxReadingGapMinutes"))
                    .append(r.t(" min apart", " 分钟"));
        }
        return b.toString();
    }

    static String category(ConsoleRequest r, String c) {
        return switch (c == null ? "" : c) {
            case "drug" -> r.t("Drug", "药品");
            case "produce" -> r.t("Farm produce", "农产品");
            case "other" -> r.t("Other", "其他");
            default -> c;
        };
    }
}
