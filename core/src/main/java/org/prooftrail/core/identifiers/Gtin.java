package org.prooftrail.core.identifiers;

import java.util.regex.Pattern;

/**
 * A Global Trade Item Number, always held as 14 digits (GTIN-8, -12 and -13 are left-padded with
 * zeros, as GS1 Digital Link requires) with a verified check digit.
 */
public record Gtin(String value) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("[0-9]{14}");

    public Gtin {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Accepts GTIN-8, -12, -13 or -14 and pads it to 14 digits. */
    public static Gtin parse(String raw) {
        String problem = problemOfRaw(raw);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Gtin("0".repeat(14 - raw.length()) + raw);
    }

    /** Null when {@code raw} is a valid GTIN of any length, else what is wrong with it. */
    public static String problemOfRaw(String raw) {
        if (raw == null || !DIGITS.matcher(raw).matches()) {
            return "a GTIN has only digits";
        }
        int n = raw.length();
        if (n != 8 && n != 12 && n != 13 && n != 14) {
            return "a GTIN has 8, 12, 13 or 14 digits, not " + n;
        }
        return problem("0".repeat(14 - n) + raw);
    }

    private static String problem(String v) {
        if (v == null || !FOURTEEN_DIGITS.matcher(v).matches()) {
            return "a GTIN is held as 14 digits";
        }
        int expected = checkDigit(v.substring(0, 13));
        int given = v.charAt(13) - '0';
        return expected == given ? null : "GTIN check digit is " + given + " but should be " + expected;
    }

    /** GS1 mod-10: from the right, weights 3, 1, 3, ... over the digits before the check digit. */
    public static int checkDigit(String digitsWithoutCheck) {
        int sum = 0;
        for (int i = 0; i < digitsWithoutCheck.length(); i++) {
            int d = digitsWithoutCheck.charAt(digitsWithoutCheck.length() - 1 - i) - '0';
            sum += (i % 2 == 0) ? d * 3 : d;
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public String toString() {
        return value;
    }
}
