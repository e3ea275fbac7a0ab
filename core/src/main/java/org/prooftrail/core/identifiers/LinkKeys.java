package org.prooftrail.core.identifiers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * GS1 Digital Link URIs (uncompressed, any host, optional path prefix) as canonical paths, for
 * {@link EpcKey}: the primary key with the key qualifiers that belong to the identity (AI 21 for a
 * trade item, else AI 10 for a lot; 254 for a location; 8011 for a component), values re-encoded.
 */
final class LinkKeys {
    private static final Set<String> PRIMARY = Set.of("01", "00", "414", "8003", "8004", "8018", "8017", "253", "255",
            "8010", "417", "401", "402");

    private LinkKeys() {
    }

    /**
     * The canonical path, or null when the URI's path holds no GS1 key this reads. The path is taken
     * by hand, not by java.net.URI (a third of the time of the whole key): after the scheme and
     * authority, up to a query or fragment; text with characters no URI may hold is no link.
     */
    static String path(String uri) {
        int start = uri.indexOf("//") + 2;
        int end = uri.length();
        int slash = -1;
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|'
                    || c == '}' || c == 127) {
                return null;
            }
            if (c == '?' || c == '#') {
                end = Math.min(end, i);
            } else if (c == '/' && slash < 0 && i < end) {
                slash = i;
            }
        }
        if (slash < 0) {
            return null;
        }
        String raw = uri.substring(slash, end);
        String p = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        String[] s = p.split("/", -1);
        // s[0] is the empty text before the first '/'; a resolver may serve links under a path prefix
        for (int i = 1; i < s.length; i++) {
            if (PRIMARY.contains(s[i]) && (s.length - i) % 2 == 0) {
                String key = key(s, i);
                if (key != null) {
                    return key;
                }
            }
        }
        return null;
    }

    private static String key(String[] s, int at) {
        String ai = s[at];
        String v = decode(s[at + 1]);
        int qualifiers = (s.length - at - 2) / 2;
        return switch (ai) {
            case "01" -> tradeItem(gtin(v), s, at + 2);
            case "00" -> qualifiers == 0 && EpcKey.checked(v, 18) ? "/00/" + v : null;
            case "414" -> location(v, s, at + 2);
            case "8003" -> qualifiers == 0 && v.length() >= 14 && v.charAt(0) == '0' && EpcKey.checked(v.substring(0, 14), 14)
                    ? "/8003/" + v.substring(0, 14) + serial(v.substring(14), 16) : null;
            case "8004", "401" -> qualifiers == 0 ? "/" + ai + "/" + EpcKey.segment(v, 30) : null;
            case "8018", "8017" -> qualifiers == 0 && EpcKey.checked(v, 18) ? "/" + ai + "/" + v : null;
            case "253", "255" -> qualifiers == 0 && v.length() >= 13 && EpcKey.checked(v.substring(0, 13), 13)
                    ? "/" + ai + "/" + v.substring(0, 13) + serial(v.substring(13), ai.equals("253") ? 17 : 12) : null;
            case "417" -> qualifiers == 0 && EpcKey.checked(v, 13) ? "/417/" + v : null;
            case "402" -> qualifiers == 0 && EpcKey.checked(v, 17) ? "/402/" + v : null;
            case "8010" -> component(v, s, at + 2);
            default -> null;
        };
    }

    /** Qualifiers 22, 10, 21 in that order, each at most once; the serial alone names the item. */
    private static String tradeItem(String gtin, String[] s, int from) {
        String lot = null;
        String serial = null;
        int order = 0;
        for (int i = from; i < s.length; i += 2) {
            int rank = switch (s[i]) {
                case "22" -> 1;
                case "10" -> 2;
                case "21" -> 3;
                default -> 0;
            };
            if (rank <= order) {
                return null;
            }
            order = rank;
            String v = EpcKey.segment(decode(s[i + 1]), 20);
            if (rank == 2) {
                lot = v;
            } else if (rank == 3) {
                serial = v;
            }
        }
        if (serial != null) {
            return "/01/" + gtin + "/21/" + serial;
        }
        return lot != null ? "/01/" + gtin + "/10/" + lot : "/01/" + gtin;
    }

    private static String location(String gln, String[] s, int from) {
        if (!EpcKey.checked(gln, 13)) {
            return null;
        }
        if (from == s.length) {
            return "/414/" + gln;
        }
        if (from + 2 != s.length || !s[from].equals("254")) {
            return null;
        }
        String extension = decode(s[from + 1]);
        // extension "0" is no extension (TDS 6.3.3), as in an SGLN URN
        return extension.equals("0") ? "/414/" + gln : "/414/" + gln + "/254/" + EpcKey.segment(extension, 20);
    }

    private static String component(String part, String[] s, int from) {
        String key = "/8010/" + EpcKey.segment(part, 30);
        if (from == s.length) {
            return key;
        }
        if (from + 2 != s.length || !s[from].equals("8011") || !EpcKey.digits(decode(s[from + 1]), 1, 12)) {
            return null;
        }
        return key + "/8011/" + decode(s[from + 1]);
    }

    private static String serial(String v, int max) {
        return v.isEmpty() ? "" : EpcKey.segment(v, max);
    }

    /** GTIN-8, -12, -13 or -14, padded to 14 digits; a wrong one is a malformed link (thrown). */
    private static String gtin(String v) {
        int n = v.length();
        if (!(n == 8 || n == 12 || n == 13 || n == 14) || !EpcKey.checked(v, n)) {
            throw new IllegalArgumentException("not a GTIN");
        }
        return "0".repeat(14 - n) + v;
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
