package org.prooftrail.core.trace;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;

/**
 * One thing a trace walks through, whatever spelling named it. EPCIS events may name the same pack
 * as an SGTIN URN or as a GS1 Digital Link; a lot as an LGTIN class URN or a lot Digital Link; a
 * case or pallet as an SSCC URN or an {@code /00/} Digital Link. Each is reduced to one canonical
 * key (the GS1 canonical Digital Link on {@code https://id.gs1.org}) and the set of spellings
 * ({@link #aliases}) that events are searched for.
 *
 * <p>GTIN to EPC URN needs the length of the GS1 company prefix, which the GTIN does not carry, so
 * the URN aliases list every split from 6 to 12 digits (only the right one occurs in real events),
 * unless the code was itself a URN, whose split is then the only one used.
 * Anything that is none of these (a location, another scheme) is {@link Kind#OTHER}, matched exactly.
 *
 * @param gtin   14 digits for items and lots, null otherwise
 * @param lot    the lot of a lot, or of an item when known
 * @param serial the serial of an item, or the 18-digit SSCC of a container
 */
public record TraceId(Kind kind, String key, String gtin, String lot, String serial, Set<String> aliases) {
    public static final String CANONICAL_BASE = "https://id.gs1.org";
    private static final String SGTIN = "urn:epc:id:sgtin:";
    private static final String LGTIN = "urn:epc:class:lgtin:";
    private static final String SSCC = "urn:epc:id:sscc:";

    /** What a node is; a recall list names them. */
    public enum Kind {
        ITEM, LOT, CONTAINER, OTHER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TraceId {
        aliases = Set.copyOf(aliases);
    }

    /**
     * Reads a code as a person or an event gives it: an EPC URI, a Digital Link URI or path,
     * {@code gtin/lot}, or anything else (matched exactly).
     *
     * @throws IllegalArgumentException when it looks like a GS1 identifier but is malformed (bad
     *                                  check digit, wrong digit count), naming what is wrong
     */
    public static TraceId parse(String code) {
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("the code is empty");
        }
        if (code.startsWith(SGTIN)) {
            String[] p = epcParts(code, SGTIN, 3);
            return item(gtinOf(p[0], p[1]), null, urnDecode(p[2]), code, p[0].length());
        }
        if (code.startsWith(LGTIN)) {
            String[] p = epcParts(code, LGTIN, 3);
            return lot(gtinOf(p[0], p[1]), urnDecode(p[2]), code, p[0].length());
        }
        if (code.startsWith(SSCC)) {
            String[] p = epcParts(code, SSCC, 2);
            if (p[0].length() + p[1].length() != 17) {
                throw new IllegalArgumentException("an SSCC URN has 17 digits of company prefix and serial reference");
            }
            String digits = p[1].charAt(0) + p[0] + p[1].substring(1);
            return container(digits + Gtin.checkDigit(digits), code);
        }
        if (code.startsWith("http://") || code.startsWith("https://")) {
            String path = uriPath(code);
            int at = gs1PathStart(path);
            return at < 0 ? other(code) : fromPath(path.substring(at), code);
        }
        if (code.startsWith("/01/") || code.startsWith("/00/") || code.startsWith("01/") || code.startsWith("00/")) {
            return fromPath(code.startsWith("/") ? code : "/" + code, code);
        }
        if (code.matches("[0-9]{8,14}/[^/]+")) {
            int slash = code.indexOf('/');
            return lot(Gtin.parse(code.substring(0, slash)).value(), code.substring(slash + 1), code);
        }
        return other(code);
    }

    /** Like {@link #parse} for identifiers read out of stored events: never throws. */
    public static TraceId ofStored(String epc) {
        try {
            return parse(epc);
        } catch (IllegalArgumentException e) {
            return other(epc);
        }
    }

    public static TraceId item(String gtin14, String lot, String serial, String given) {
        return item(gtin14, lot, serial, given, 0);
    }

    /** @param prefixLength the company prefix length when a URN told it, else 0 (try them all) */
    private static TraceId item(String gtin14, String lot, String serial, String given, int prefixLength) {
        Set<String> aliases = new LinkedHashSet<>();
        if (given != null) {
            aliases.add(given);
        }
        String key = link(gtin14, null, serial);
        aliases.add(key);
        if (lot != null) {
            aliases.add(link(gtin14, lot, serial));
        }
        for (int prefix = first(prefixLength); prefix <= last(prefixLength); prefix++) {
            aliases.add(SGTIN + gtin14.substring(1, 1 + prefix) + "." + gtin14.charAt(0)
                    + gtin14.substring(1 + prefix, 13) + "." + urnEncode(serial));
        }
        return new TraceId(Kind.ITEM, key, gtin14, lot, serial, aliases);
    }

    public static TraceId lot(String gtin14, String lot, String given) {
        return lot(gtin14, lot, given, 0);
    }

    private static TraceId lot(String gtin14, String lot, String given, int prefixLength) {
        Set<String> aliases = new LinkedHashSet<>();
        if (given != null) {
            aliases.add(given);
        }
        String key = link(gtin14, lot, null);
        aliases.add(key);
        for (int prefix = first(prefixLength); prefix <= last(prefixLength); prefix++) {
            aliases.add(LGTIN + gtin14.substring(1, 1 + prefix) + "." + gtin14.charAt(0)
                    + gtin14.substring(1 + prefix, 13) + "." + urnEncode(lot));
        }
        return new TraceId(Kind.LOT, key, gtin14, lot, null, aliases);
    }

    public static TraceId container(String sscc18, String given) {
        Set<String> aliases = new LinkedHashSet<>();
        if (given != null) {
            aliases.add(given);
        }
        String key = CANONICAL_BASE + "/00/" + sscc18;
        aliases.add(key);
        for (int prefix = 6; prefix <= 12; prefix++) {
            aliases.add(SSCC + sscc18.substring(1, 1 + prefix) + "." + sscc18.charAt(0) + sscc18.substring(1 + prefix, 17));
        }
        return new TraceId(Kind.CONTAINER, key, null, null, sscc18, aliases);
    }

    private static int first(int prefixLength) {
        return prefixLength == 0 ? 6 : prefixLength;
    }

    private static int last(int prefixLength) {
        return prefixLength == 0 ? 12 : prefixLength;
    }

    public static TraceId other(String code) {
        return new TraceId(Kind.OTHER, code, null, null, null, Set.of(code));
    }

    /**
     * For a lot, how the Digital Link of each of its items starts under {@code base} (e.g.
     * {@code https://id.gs1.org/01/{gtin}/10/{lot}/21/}): items may carry their lot only there, with
     * no ILMD lot number and no event naming the lot itself.
     *
     * @param base a resolver base without a trailing slash, such as {@link #CANONICAL_BASE}
     */
    public String itemLinkPrefix(String base) {
        if (kind != Kind.LOT) {
            throw new IllegalStateException("only a lot has items");
        }
        return base + link(gtin, lot, null).substring(CANONICAL_BASE.length()) + "/21/";
    }

    /** The lot this item belongs to, once its lot is known. */
    public TraceId lotOf(String lotNumber) {
        if (kind != Kind.ITEM) {
            throw new IllegalStateException("only an item has a lot");
        }
        return lot(gtin, lotNumber, null, knownPrefixLength());
    }

    /** This item with its lot known (adds the lot-qualified Digital Link spelling). */
    public TraceId withLot(String lotNumber) {
        return kind == Kind.ITEM && lot == null
                ? item(gtin, lotNumber, serial, null, knownPrefixLength()).plusAliases(aliases) : this;
    }

    /**
     * The company prefix length when exactly one URN spelling is known (the code was a URN), else 0:
     * the same company writes its lot URNs with the same split as its item URNs.
     */
    private int knownPrefixLength() {
        int found = 0;
        for (String a : aliases) {
            if (a.startsWith(SGTIN) || a.startsWith(LGTIN)) {
                if (found != 0) {
                    return 0;
                }
                int start = a.indexOf(':', a.startsWith(SGTIN) ? SGTIN.length() - 1 : LGTIN.length() - 1) + 1;
                found = a.indexOf('.', start) - start;
            }
        }
        return found;
    }

    private TraceId plusAliases(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(aliases);
        all.addAll(more);
        return new TraceId(kind, key, gtin, lot, serial, all);
    }

    private static TraceId fromPath(String path, String given) {
        if (path.startsWith("/00/")) {
            String rest = path.substring(4);
            int end = rest.indexOf('/');
            String sscc = end < 0 ? rest : rest.substring(0, end);
            if (!sscc.matches("[0-9]{18}")) {
                throw new IllegalArgumentException("an SSCC (AI 00) has 18 digits");
            }
            int check = Gtin.checkDigit(sscc.substring(0, 17));
            if (check != sscc.charAt(17) - '0') {
                throw new IllegalArgumentException("SSCC check digit is " + sscc.charAt(17) + " but should be " + check);
            }
            return container(sscc, given);
        }
        DigitalLink dl = DigitalLink.parsePath(path);
        if (dl.serial() != null) {
            return item(dl.gtin().value(), dl.lot(), dl.serial(), given);
        }
        if (dl.lot() != null) {
            return lot(dl.gtin().value(), dl.lot(), given);
        }
        throw new IllegalArgumentException("a product (/01/{gtin} alone) is not traced; name a lot or an item");
    }

    private static String uriPath(String uri) {
        try {
            String raw = new URI(uri).getRawPath();
            return raw == null ? "" : raw;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    /** Digital Links may sit under a path prefix (https://example.com/dl/01/...). */
    private static int gs1PathStart(String path) {
        for (String ai : new String[] {"/01/", "/00/"}) {
            int at = path.indexOf(ai);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** The canonical Digital Link, encoded as {@link DigitalLink#uri} encodes it (built here: this runs per node). */
    private static String link(String gtin14, String lot, String serial) {
        StringBuilder b = new StringBuilder(CANONICAL_BASE).append("/01/").append(gtin14);
        if (lot != null) {
            b.append("/10/").append(linkEncode(lot));
        }
        if (serial != null) {
            b.append("/21/").append(linkEncode(serial));
        }
        return b.toString();
    }

    private static String linkEncode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch == '-' || ch == '.'
                    || ch == '_')) {
                return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return s;
    }

    private static String[] epcParts(String code, String scheme, int count) {
        String[] p = code.substring(scheme.length()).split("\\.", -1);
        if (p.length != count) {
            throw new IllegalArgumentException(scheme + " needs " + count + " parts separated by '.'");
        }
        if (!p[0].matches("[0-9]{6,12}") || !p[1].matches("[0-9]+")) {
            throw new IllegalArgumentException(scheme + " starts with a 6 to 12 digit company prefix and a numeric reference");
        }
        if (p.length == 3 && p[2].isEmpty()) {
            throw new IllegalArgumentException(scheme + " ends with a non-empty serial or lot");
        }
        return p;
    }

    private static String gtinOf(String prefix, String itemRef) {
        if (prefix.length() + itemRef.length() != 13) {
            throw new IllegalArgumentException("company prefix and item reference of a GTIN URN have 13 digits together");
        }
        String digits = itemRef.charAt(0) + prefix + itemRef.substring(1);
        return digits + Gtin.checkDigit(digits);
    }

    /** EPC URNs escape the characters of GS1 set 82 that URNs reserve (TDS, pure identity URI). */
    static String urnEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("%22");
                case '%' -> b.append("%25");
                case '&' -> b.append("%26");
                case '/' -> b.append("%2F");
                case '<' -> b.append("%3C");
                case '>' -> b.append("%3E");
                case '?' -> b.append("%3F");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    static String urnDecode(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad percent-escape in '" + s + "'");
                }
            }
            b.append(ch);
        }
        return b.toString();
    }
}
