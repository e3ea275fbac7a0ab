package org.prooftrail.core.epcis;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifier rule of the CBV 2.0 event hash: every EPC URI, EPC class URI, EPC pattern URI and GS1
 * Digital Link URI becomes a <em>constrained canonical</em> GS1 Digital Link URI, so that one object has
 * one spelling however an event names it. Constrained means: domain {@code https://id.gs1.org}, no query
 * string, and only the finest level of identification (a serial drops the lot, a CPV is dropped). EPC
 * forms follow the GS1 Tag Data Standard: the company prefix and reference are joined back into the key
 * and the check digit is added.
 */
final class CanonicalDigitalLink {
    private static final String ID = "https://id.gs1.org";
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(Map.entry("gtin", "01"), Map.entry("itip", "8006"),
            Map.entry("cpid", "8010"), Map.entry("gln", "414"), Map.entry("party", "417"), Map.entry("gsrnp", "8017"),
            Map.entry("gsrn", "8018"), Map.entry("gcn", "255"), Map.entry("sscc", "00"), Map.entry("gdti", "253"),
            Map.entry("ginc", "401"), Map.entry("gsin", "402"), Map.entry("grai", "8003"), Map.entry("giai", "8004"),
            Map.entry("cpv", "22"), Map.entry("lot", "10"), Map.entry("ser", "21"));
    private static final java.util.Set<String> PRIMARY = java.util.Set.of("00", "01", "253", "255", "401", "402", "414", "417",
            "8003", "8004", "8006", "8010", "8017", "8018");
    /** Characters GS1 Digital Link allows unescaped in a value (its table of URI-safe characters), plus escapes. */
    private static final String SAFE = "(?:[\"'\\-.0-9;-?A-Z_a-z]|%[0-9A-Fa-f]{2})";
    private static final Map<String, Pattern> FINAL = Map.ofEntries(
            Map.entry("00", Pattern.compile("\\d{18}")),
            Map.entry("01", Pattern.compile("\\d{14}(/(21|10)/" + SAFE + "{1,20}|/235/" + SAFE + "{1,28})?")),
            Map.entry("253", Pattern.compile("\\d{13}" + SAFE + "{0,17}")),
            Map.entry("255", Pattern.compile("\\d{13}\\d{0,12}")),
            Map.entry("401", Pattern.compile(SAFE + "{1,30}")),
            Map.entry("402", Pattern.compile("\\d{17}")),
            Map.entry("414", Pattern.compile("\\d{13}(/254/" + SAFE + "{1,20})?")),
            Map.entry("417", Pattern.compile("\\d{13}")),
            Map.entry("8003", Pattern.compile("\\d{14}" + SAFE + "{0,16}")),
            Map.entry("8004", Pattern.compile(SAFE + "{1,30}")),
            Map.entry("8006", Pattern.compile("\\d{18}(/(21|10)/" + SAFE + "{1,20})?")),
            Map.entry("8010", Pattern.compile("(?:[#\\-/0-9A-Z]|%[0-9A-Fa-f]{2}){1,30}(/8011/\\d{1,12})?")),
            Map.entry("8017", Pattern.compile("\\d{18}")),
            Map.entry("8018", Pattern.compile("\\d{18}")));
    /** The characters TDS allows unescaped in an EPC URN component (beside %-escapes). */
    private static final String URN_CHARS = "!'()*+,.:;=_-";
    private static final Pattern KEY_VALUE = Pattern.compile("\\d{4}.*");
    private static final Pattern EPC = Pattern.compile("urn:epc:(id|class|idpat):([a-z]+):(.+)");
    private static final Pattern HTTP = Pattern.compile("https?://[^/?#]*(/[^?#]*)(?:\\?[^#]*)?(?:#.*)?");

    private CanonicalDigitalLink() {
    }

    /** The constrained canonical Digital Link for {@code uri}, or empty when it names no GS1 key this rule knows. */
    static Optional<String> of(String uri) {
        if (uri.startsWith("urn:epc:")) {
            Matcher m = EPC.matcher(uri);
            return m.matches() ? Optional.ofNullable(fromEpc(m.group(1), m.group(2), m.group(3).split("\\.", -1))) : Optional.empty();
        }
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            Matcher m = HTTP.matcher(uri);
            return m.matches() ? Optional.ofNullable(fromDigitalLink(m.group(1))) : Optional.empty();
        }
        return Optional.empty();
    }

    private static String fromEpc(String kind, String scheme, String[] p) {
        for (String part : p) {
            if (!part.equals("*") && !isUrnPart(part)) {
                return null;
            }
        }
        boolean pattern = kind.equals("idpat");
        if (pattern && !p[p.length - 1].equals("*")) {
            return null;
        }
        String key = switch (kind + ":" + scheme) {
            case "id:sgtin", "idpat:sgtin" -> p.length == 3 && gtinParts(p) ? "/01/" + gtin(p) + (pattern ? "" : "/21/" + dl(p[2])) : null;
            case "class:lgtin" -> p.length == 3 && gtinParts(p) ? "/01/" + gtin(p) + "/10/" + dl(p[2]) : null;
            case "id:upui", "idpat:upui" -> p.length == 3 && gtinParts(p) ? "/01/" + gtin(p) + (pattern ? "" : "/235/" + dl(p[2])) : null;
            case "id:itip", "idpat:itip" -> p.length == 5 && gtinParts(p) && digits(p[2], 2, 2) && digits(p[3], 2, 2)
                    ? "/8006/" + gtin(p) + p[2] + p[3] + (pattern ? "" : "/21/" + dl(p[4])) : null;
            case "id:sscc" -> p.length == 2 && digits(p[0], 6, 12) && digits(p[1], 1, 17) && p[0].length() + p[1].length() == 17
                    ? "/00/" + withCheck(p[1].charAt(0) + p[0] + p[1].substring(1)) : null;
            case "id:sgln" -> p.length == 3 && key12(p) ? "/414/" + withCheck(p[0] + p[1]) + (p[2].equals("0") ? "" : "/254/" + dl(p[2])) : null;
            case "id:pgln" -> p.length == 2 && key12(p) ? "/417/" + withCheck(p[0] + p[1]) : null;
            case "id:grai", "idpat:grai" -> p.length == 3 && key12(p) ? "/8003/" + withCheck("0" + p[0] + p[1]) + (pattern ? "" : dl(p[2])) : null;
            case "id:gdti", "idpat:gdti" -> p.length == 3 && key12(p) ? "/253/" + withCheck(p[0] + p[1]) + (pattern ? "" : dl(p[2])) : null;
            case "id:sgcn", "idpat:sgcn" -> p.length == 3 && key12(p) && (pattern || digits(p[2], 1, 12))
                    ? "/255/" + withCheck(p[0] + p[1]) + (pattern ? "" : p[2]) : null;
            case "id:giai" -> p.length >= 2 && digits(p[0], 6, 12) ? "/8004/" + p[0] + dl(String.join(".", tail(p))) : null;
            case "id:ginc" -> p.length >= 2 && digits(p[0], 6, 12) ? "/401/" + p[0] + dl(String.join(".", tail(p))) : null;
            case "id:gsrn" -> p.length == 2 && digits(p[0], 6, 12) && digits(p[1], 1, 17) && p[0].length() + p[1].length() == 17
                    ? "/8018/" + withCheck(p[0] + p[1]) : null;
            case "id:gsrnp" -> p.length == 2 && digits(p[0], 6, 12) && digits(p[1], 1, 17) && p[0].length() + p[1].length() == 17
                    ? "/8017/" + withCheck(p[0] + p[1]) : null;
            case "id:gsin" -> p.length == 2 && digits(p[0], 6, 12) && digits(p[1], 1, 16) && p[0].length() + p[1].length() == 16
                    ? "/402/" + withCheck(p[0] + p[1]) : null;
            case "id:cpi", "idpat:cpi" -> p.length == 3 && digits(p[0], 6, 12) && (pattern || digits(p[2], 1, 12))
                    ? "/8010/" + dl(p[0] + p[1]) + (pattern ? "" : "/8011/" + p[2]) : null;
            default -> null;
        };
        return key == null ? null : ID + key;
    }

    /** Company prefix and indicator + item reference: 13 digits together. */
    private static boolean gtinParts(String[] p) {
        return digits(p[0], 6, 12) && digits(p[1], 1, 13) && p[0].length() + p[1].length() == 13;
    }

    /** Company prefix and a reference that make a 12-digit key (GLN, GRAI, GDTI, GCN without check digit). */
    private static boolean key12(String[] p) {
        return digits(p[0], 6, 12) && digits(p[1], 0, 12) && p[0].length() + p[1].length() == 12;
    }

    private static String gtin(String[] p) {
        return withCheck(p[1].charAt(0) + p[0] + p[1].substring(1));
    }

    // Plain loops rather than String.matches, which compiles its pattern on every call: this runs for every
    // identifier of every captured event (the CBV hash ID), and the regexes were a fifth of its time.
    private static boolean digits(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** TDS URI characters and %-escapes only (possibly empty). */
    private static boolean isUrnPart(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || URN_CHARS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }

    private static String[] tail(String[] p) {
        return java.util.Arrays.copyOfRange(p, 1, p.length);
    }

    /** GS1 General Specifications 7.9.1: weights 3 and 1 from the right. */
    static String withCheck(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }
        return digits + (10 - sum % 10) % 10;
    }

    /** Characters that TDS allows in an EPC URN but GS1 Digital Link wants percent-encoded. */
    private static String dl(String urnValue) {
        StringBuilder b = new StringBuilder(urnValue.length());
        for (char c : urnValue.toCharArray()) {
            if ("!()*+,:".indexOf(c) >= 0) {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String fromDigitalLink(String path) {
        String[] s = path.split("/", -1);
        int start = -1;
        for (int i = 0; i < s.length - 1; i++) {
            String ai = SHORT_NAMES.getOrDefault(s[i], s[i]);
            if (PRIMARY.contains(ai) && KEY_VALUE.matcher(s[i + 1]).matches()) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        String primary = SHORT_NAMES.getOrDefault(s[start], s[start]);
        String value = s[start + 1];
        Map<String, String> qualifiers = new LinkedHashMap<>();
        int i = start + 2;
        for (; i + 1 < s.length; i += 2) {
            qualifiers.put(SHORT_NAMES.getOrDefault(s[i], s[i]), s[i + 1]);
        }
        if (i < s.length && !s[i].isEmpty()) {
            return null;
        }
        if (primary.equals("01") && (value.length() == 8 || value.length() == 12 || value.length() == 13) && digits(value, 8, 13)) {
            value = "0".repeat(14 - value.length()) + value;
        }
        String rest = "";
        if (primary.equals("01") || primary.equals("8006")) {
            if (qualifiers.containsKey("21")) {
                rest = "/21/" + qualifiers.get("21");
            } else if (primary.equals("01") && qualifiers.containsKey("235")) {
                rest = "/235/" + qualifiers.get("235");
            } else if (qualifiers.containsKey("10")) {
                rest = "/10/" + qualifiers.get("10");
            }
        } else if (primary.equals("414") && qualifiers.containsKey("254")) {
            rest = "/254/" + qualifiers.get("254");
        } else if (primary.equals("8010") && qualifiers.containsKey("8011")) {
            rest = "/8011/" + qualifiers.get("8011");
        }
        String canonical = value + rest;
        return FINAL.get(primary).matcher(canonical).matches() ? ID + "/" + primary + "/" + canonical : null;
    }
}
