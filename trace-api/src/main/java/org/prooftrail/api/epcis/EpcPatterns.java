package org.prooftrail.api.epcis;

import java.util.regex.Pattern;
import org.prooftrail.core.identifiers.EpcKey;

/**
 * EPC pattern URIs of the EPCIS query language (TDS: {@code urn:epc:idpat:sgtin:4012345.011111.*})
 * as anchored PostgreSQL regular expressions over EPC URIs ({@code urn:epc:id:sgtin:...}) and, for
 * SGTIN and SSCC patterns, over stored keys ({@link EpcKey}, the canonical Digital Link), so that a
 * pattern also finds the items and containers events named by a Digital Link. Each field is a value
 * or {@code *}; values are quoted, so a pattern can never be more than a pattern.
 */
final class EpcPatterns {
    static final String PREFIX = "urn:epc:idpat:";
    private static final Pattern SCHEME = Pattern.compile("[a-z0-9-]{2,16}");

    private EpcPatterns() {
    }

    /** The regular expression, or null when {@code text} is not a well-formed EPC pattern. */
    static String regex(String text) {
        if (!text.startsWith(PREFIX)) {
            return null;
        }
        String rest = text.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0 || !SCHEME.matcher(rest.substring(0, colon)).matches()) {
            return null;
        }
        StringBuilder regex = new StringBuilder("^urn:epc:id:").append(rest, 0, colon).append(':');
        String[] fields = rest.substring(colon + 1).split("\\.", -1);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (i > 0) {
                regex.append("\\.");
            }
            if (f.equals("*")) {
                regex.append("[^.]+");
            } else if (f.isEmpty() || f.contains("*")) {
                return null;
            } else {
                regex.append(quote(f));
            }
        }
        return regex.append('$').toString();
    }

    /**
     * The regular expression over stored keys for a well-formed SGTIN or SSCC pattern (fields: a
     * company prefix and a reference, each a value or {@code *}, and for an SGTIN a serial); null for
     * other schemes and for patterns that name no valid key (those match URN spellings only).
     */
    static String keyRegex(String text) {
        if (regex(text) == null) {
            return null;
        }
        String rest = text.substring(PREFIX.length());
        boolean sgtin = rest.startsWith("sgtin:");
        if (!sgtin && !rest.startsWith("sscc:")) {
            return null;
        }
        String[] f = rest.substring(rest.indexOf(':') + 1).split("\\.", -1);
        if (f.length != (sgtin ? 3 : 2)) {
            return null;
        }
        String ai = sgtin ? "/01/" : "/00/";
        int digits = sgtin ? 14 : 18;
        String key;
        if (!f[0].equals("*") && !f[1].equals("*")) {
            // the key of the pattern's company prefix and reference, with a placeholder serial to cut off
            String probe = "urn:epc:id:" + (sgtin ? "sgtin:" + f[0] + "." + f[1] + ".0" : "sscc:" + f[0] + "." + f[1]);
            String k = EpcKey.of(probe);
            if (k.equals(probe)) {
                return null;
            }
            key = quote(k.substring(EpcKey.BASE.length() + ai.length(), EpcKey.BASE.length() + ai.length() + digits));
        } else if (!f[0].equals("*") && f[0].matches("[0-9]{6,12}")) {
            // indicator or extension digit, the company prefix, the rest of the reference, the check digit
            key = "[0-9]" + f[0] + "[0-9]{" + (digits - 1 - f[0].length()) + "}";
        } else if (f[0].equals("*") && f[1].equals("*")) {
            key = "[0-9]{" + digits + "}";
        } else {
            return null;
        }
        StringBuilder regex = new StringBuilder("^").append(quote(EpcKey.BASE + ai)).append(key);
        if (sgtin) {
            if (f[2].equals("*")) {
                regex.append("/21/[^/]+");
            } else {
                String k = EpcKey.of("urn:epc:id:sgtin:0614141.812345." + f[2]);
                if (k.startsWith("urn:")) {
                    return null;
                }
                regex.append(quote(k.substring(k.indexOf("/21/"))));
            }
        }
        return regex.append('$').toString();
    }

    /** Every character that is not a letter or digit is escaped for PostgreSQL's ARE syntax. */
    private static String quote(String field) {
        StringBuilder out = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
        return out.toString();
    }
}
