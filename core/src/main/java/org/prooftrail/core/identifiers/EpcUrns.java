package org.prooftrail.core.identifiers;

/**
 * EPC pure identity URNs (GS1 Tag Data Standard 2.x, section 6.3) as canonical Digital Link paths,
 * for {@link EpcKey}. A URN splits a GS1 key after the company prefix ({@code CP.Ref}); the key
 * itself is the digits run together (an indicator or extension digit moved to the front where the
 * TDS puts it in the reference) with the check digit that URNs leave out.
 */
final class EpcUrns {
    private EpcUrns() {
    }

    /**
     * @param rest the URN after {@code urn:epc:id:} ({@code sgtin:0614141.812345.6789})
     * @return the path, or null for a scheme without a GS1 key (GID, ADI, ...) or a malformed URN
     */
    static String path(String rest) {
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String body = rest.substring(colon + 1);
        return switch (rest.substring(0, colon)) {
            case "sgtin" -> item(body);
            case "sscc" -> twoDigitFields(body, 17, true, "/00/");
            case "sgln" -> location(body);
            case "grai" -> keyWithSerial(body, "/8003/0", 16, false);
            case "giai" -> referenceAfterPrefix(body, "/8004/", 30);
            case "gsrn" -> twoDigitFields(body, 17, false, "/8018/");
            case "gsrnp" -> twoDigitFields(body, 17, false, "/8017/");
            case "gdti" -> keyWithSerial(body, "/253/", 17, false);
            case "sgcn" -> keyWithSerial(body, "/255/", 12, true);
            case "cpi" -> componentPart(body);
            case "pgln" -> twoDigitFields(body, 12, false, "/417/");
            case "ginc" -> referenceAfterPrefix(body, "/401/", 30);
            case "gsin" -> twoDigitFields(body, 16, false, "/402/");
            default -> null;
        };
    }

    /** The fields of a URN body, or null when there are not {@code count} of them. */
    static String[] fields(String body, int count) {
        String[] f = body.split("\\.", -1);
        return f.length == count ? f : null;
    }

    /** GTIN-14 from company prefix and indicator-plus-item-reference (13 digits together). */
    static String gtin(String prefix, String itemRef) {
        requirePrefix(prefix);
        if (!EpcKey.digits(itemRef, 1, 7) || prefix.length() + itemRef.length() != 13) {
            throw new IllegalArgumentException("company prefix and item reference have 13 digits together");
        }
        return EpcKey.withCheck(itemRef.charAt(0) + prefix + itemRef.substring(1));
    }

    /** A URN-escaped value, decoded and checked against GS1 set 82, encoded for a path. */
    static String value(String escaped, int maxLength) {
        return EpcKey.segment(decode(escaped), maxLength);
    }

    private static String item(String body) {
        String[] f = fields(body, 3);
        return f == null ? null : "/01/" + gtin(f[0], f[1]) + "/21/" + value(f[2], 20);
    }

    /** SGLN: the extension "0" means the GLN alone (TDS 6.3.3). */
    private static String location(String body) {
        String[] f = fields(body, 3);
        if (f == null) {
            return null;
        }
        String gln = digits(f[0], f[1], 12);
        return f[2].equals("0") ? "/414/" + EpcKey.withCheck(gln) : "/414/" + EpcKey.withCheck(gln) + "/254/" + value(f[2], 20);
    }

    /**
     * Two all-digit fields making {@code total} digits and a check digit: SSCC moves the extension
     * digit (the reference's first) to the front; the others run on as written.
     */
    private static String twoDigitFields(String body, int total, boolean extensionFirst, String ai) {
        String[] f = fields(body, 2);
        if (f == null) {
            return null;
        }
        String d = digits(f[0], f[1], total);
        if (extensionFirst) {
            d = f[1].charAt(0) + f[0] + f[1].substring(1);
        }
        return ai + EpcKey.withCheck(d);
    }

    /** GRAI, GDTI, SGCN: company prefix and type (12 digits), check digit, then the serial. */
    private static String keyWithSerial(String body, String ai, int maxSerial, boolean numericSerial) {
        String[] f = fields(body, 3);
        if (f == null) {
            return null;
        }
        String key = EpcKey.withCheck(digits(f[0], f[1], 12));
        if (f[2].isEmpty()) {
            return ai + key;
        }
        if (numericSerial && !EpcKey.digits(f[2], 1, maxSerial)) {
            throw new IllegalArgumentException("the serial has 1 to " + maxSerial + " digits");
        }
        return ai + key + value(f[2], maxSerial);
    }

    /** GIAI, GINC: company prefix then a free reference (up to {@code max} characters in all). */
    private static String referenceAfterPrefix(String body, String ai, int max) {
        String[] f = fields(body, 2);
        if (f == null) {
            return null;
        }
        requirePrefix(f[0]);
        return ai + f[0] + value(f[1], max - f[0].length());
    }

    /** CPI: company prefix and component/part reference (AI 8010), serial (AI 8011). */
    private static String componentPart(String body) {
        String[] f = fields(body, 3);
        if (f == null) {
            return null;
        }
        requirePrefix(f[0]);
        if (!EpcKey.digits(f[2], 1, 12)) {
            throw new IllegalArgumentException("a CPI serial has 1 to 12 digits");
        }
        return "/8010/" + f[0] + value(f[1], 30 - f[0].length()) + "/8011/" + f[2];
    }

    private static String digits(String prefix, String ref, int total) {
        requirePrefix(prefix);
        if (!EpcKey.digits(ref, 0, total) || prefix.length() + ref.length() != total) {
            throw new IllegalArgumentException("company prefix and reference have " + total + " digits together");
        }
        return prefix + ref;
    }

    private static void requirePrefix(String prefix) {
        if (!EpcKey.digits(prefix, 6, 12)) {
            throw new IllegalArgumentException("a GS1 company prefix has 6 to 12 digits");
        }
    }

    /** TDS escapes: %XX for the characters of set 82 that URNs reserve. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("a cut percent-escape");
                }
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
