package org.prooftrail.api.console;

/** Short words for a trace graph's boxes; the boxes' titles and the table keep the full identifiers. */
final class TraceText {
    private TraceText() {
    }

    /** A location as people read it: the GLN of an SGLN URN or a /414/ Digital Link, else its end. */
    static String place(String location) {
        if (location == null) {
            return "";
        }
        if (location.startsWith("urn:epc:id:sgln:")) {
            String[] p = location.substring("urn:epc:id:sgln:".length()).split("\\.");
            return p.length >= 2 ? "GLN " + p[0] + "." + p[1] : location;
        }
        int at = location.indexOf("/414/");
        if (at >= 0) {
            return "GLN " + location.substring(at + 5).split("/")[0];
        }
        return shorten(location, 24);
    }

    /** An EPC class or identifier without its scheme: {@code urn:epc:class:lgtin:4033333.012345.PX-7} as {@code 4033333.012345.PX-7}. */
    static String shortCode(String code) {
        int colon = code.lastIndexOf(':');
        return shorten(colon >= 0 && code.startsWith("urn:") ? code.substring(colon + 1) : code, 24);
    }

    /** The date of an ISO instant. */
    static String day(String instant) {
        return instant == null || instant.length() < 10 ? "" : instant.substring(0, 10);
    }

    static String lastWord(String uri) {
        if (uri == null) {
            return "";
        }
        String s = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        int cut = Math.max(s.lastIndexOf('/'), Math.max(s.lastIndexOf(':'), s.lastIndexOf('#')));
        return s.substring(cut + 1);
    }

    /** A shipping or receiving step in words. */
    static String step(String bizStep, Lang lang) {
        String w = lastWord(bizStep);
        return switch (w) {
            case "shipping", "departing" -> lang.pick("Shipped", "发货");
            case "receiving", "arriving", "accepting" -> lang.pick("Received", "收货");
            default -> w;
        };
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
