package org.prooftrail.api.epcis;

import java.util.regex.Pattern;

/**
 * EPC pattern URIs of the EPCIS query language (TDS: {@code urn:epc:idpat:sgtin:4012345.011111.*})
 * as anchored PostgreSQL regular expressions over EPC URIs ({@code urn:epc:id:sgtin:...}). Each
 * field is a value or {@code *}; values are quoted, so a pattern can never be more than a pattern.
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
