package org.prooftrail.core.identifiers;

import java.util.regex.Pattern;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A GS1 Digital Link URI path for a product, a lot or one item: {@code /01/{gtin}},
 * {@code /01/{gtin}/10/{lot}}, {@code /01/{gtin}/10/{lot}/21/{serial}} (or {@code /01/{gtin}/21/{serial}}).
 * The GTIN is padded to 14 digits; lot and serial use GS1's AI 82 character set, up to 20
 * characters; qualifiers must come in GS1's order (10 before 21).
 *
 * @param lot    null for a product or an item named without its lot
 * @param serial null for a product or a lot
 */
public record DigitalLink(Gtin gtin, String lot, String serial) {
    /** GS1 AI encodable character set 82 (General Specifications, figure 7.11-1). */
    /** Compiled once: a link is parsed on every lookup, and String.matches compiles its pattern each call. */
    private static final Pattern CSET82 = Pattern.compile("[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,20}");
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    public DigitalLink {
        if (lot != null && !CSET82.matcher(lot).matches()) {
            throw new IllegalArgumentException("a lot (AI 10) is 1 to 20 characters of GS1 set 82");
        }
        if (serial != null && !CSET82.matcher(serial).matches()) {
            throw new IllegalArgumentException("a serial (AI 21) is 1 to 20 characters of GS1 set 82");
        }
    }

    /** The thrown message says what is wrong: bad GTIN, bad value, unknown or misplaced qualifier. */
    public static DigitalLink parsePath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String[] parts = p.split("/", -1);
        if (parts.length < 2 || parts.length % 2 != 0) {
            throw new IllegalArgumentException("a Digital Link path is pairs of /AI/value, starting with /01/{gtin}");
        }
        if (!parts[0].equals("01")) {
            throw new IllegalArgumentException("this resolver serves GTIN (AI 01) links; got AI " + parts[0]);
        }
        Gtin gtin = Gtin.parse(decode(parts[1]));
        String lot = null;
        String serial = null;
        for (int i = 2; i < parts.length; i += 2) {
            String ai = parts[i];
            String value = decode(parts[i + 1]);
            switch (ai) {
                case "10" -> {
                    if (lot != null || serial != null) {
                        throw new IllegalArgumentException("AI 10 (lot) must come once, before AI 21 (serial)");
                    }
                    lot = value;
                }
                case "21" -> {
                    if (serial != null) {
                        throw new IllegalArgumentException("AI 21 (serial) must come once");
                    }
                    serial = value;
                }
                case "22" -> throw new IllegalArgumentException("AI 22 (consumer product variant) is not served here");
                default -> throw new IllegalArgumentException("AI " + ai + " is not a key qualifier of a GTIN in a path;"
                        + " use the query string for data attributes such as 17 (expiry)");
            }
        }
        return new DigitalLink(gtin, lot, serial);
    }

    /** The expiry date from the {@code 17} query attribute (YYMMDD; DD 00 means the month's end). */
    public static Optional<LocalDate> expiry(String yymmdd) {
        if (yymmdd == null) {
            return Optional.empty();
        }
        if (!SIX_DIGITS.matcher(yymmdd).matches()) {
            throw new IllegalArgumentException("AI 17 (expiry) is YYMMDD");
        }
        try {
            if (yymmdd.endsWith("00")) {
                LocalDate first = LocalDate.parse(yymmdd.substring(0, 4) + "01", YYMMDD);
                return Optional.of(first.withDayOfMonth(first.lengthOfMonth()));
            }
            return Optional.of(LocalDate.parse(yymmdd, YYMMDD));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("AI 17 (expiry) " + yymmdd + " is not a date");
        }
    }

    /** The path, with values percent-encoded. */
    public String path() {
        StringBuilder b = new StringBuilder("/01/").append(gtin.value());
        if (lot != null) {
            b.append("/10/").append(encode(lot));
        }
        if (serial != null) {
            b.append("/21/").append(encode(serial));
        }
        return b.toString();
    }

    /** The full URI under a resolver base such as {@code https://id.example.com}. */
    public String uri(String base) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + path();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad percent-encoding in '" + s + "'");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
