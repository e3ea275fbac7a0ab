package org.prooftrail.core.identifiers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one spelling under which an identifier is stored and looked up, whatever spelling an event
 * or a person used: the canonical GS1 Digital Link URI on {@code https://id.gs1.org} (GS1 Digital
 * Link standard, "canonical GS1 Digital Link URI"), with the key qualifiers that name the same thing
 * and nothing else.
 *
 * <ul>
 *   <li>EPC pure identity URNs (TDS 2.x section 6): {@code urn:epc:id:sgtin:0614141.812345.6789}
 *       becomes {@code https://id.gs1.org/01/80614141123458/21/6789}; likewise SSCC (00), SGLN (414 with
 *       254 when the extension is not "0"), GRAI (8003), GIAI (8004), GSRN (8018), GSRNP (8017), GDTI (253),
 *       SGCN (255), CPI (8010/8011), PGLN (417), GINC (401), GSIN (402).</li>
 *   <li>Class-level: {@code urn:epc:class:lgtin:CP.IR.Lot} becomes {@code .../01/{gtin}/10/{lot}},
 *       the GTIN-level class {@code urn:epc:idpat:sgtin:CP.IR.*} becomes {@code .../01/{gtin}}.</li>
 *   <li>GS1 Digital Link URIs under any resolver base (id.gs1.org, the deployment's own, a path prefix
 *       such as {@code https://example.com/dl/01/...}) reduce to the same key: the base, query string
 *       and fragment are dropped, a GTIN is padded to 14 digits, and an item keeps only its serial
 *       (AI 10 and 22 do not change which pack a serial names; an SGTIN has neither).</li>
 * </ul>
 *
 * Why this key: it does not depend on the length of the GS1 company prefix, which URNs encode (the
 * dot between company prefix and reference) and Digital Links do not, so no reader has to list every
 * split from 6 to 12 digits; it is itself a valid identifier an EPCIS event may carry; and it is the
 * key a trace already names its nodes by. Values are percent-encoded as {@link DigitalLink#path()}
 * encodes them. Any base is recognised, not only configured ones, because the key is derived when an
 * event is stored and recomputed by the audit: it must not depend on settings that may change.
 * Anything else (a malformed code, another scheme such as GID, a plain URL) is its own key.
 */
public final class EpcKey {
    public static final String BASE = "https://id.gs1.org";
    private static final String ID = "urn:epc:id:";
    private static final String LGTIN = "urn:epc:class:lgtin:";
    private static final String SGTIN_CLASS = "urn:epc:idpat:sgtin:";
    /** GS1 AI encodable character set 82 (General Specifications figure 7.11-1), as DigitalLink checks it. */
    private static final boolean[] SET82 = new boolean[128];

    static {
        for (char c : "!\"%&'()*+,-./:;<=>?_".toCharArray()) {
            SET82[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            SET82[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            SET82[c] = true;
            SET82[Character.toLowerCase(c)] = true;
        }
    }

    private EpcKey() {
    }

    /** The canonical key of {@code identifier}; the identifier itself when it is no GS1 key this reads. */
    public static String of(String identifier) {
        String path = null;
        try {
            if (identifier.startsWith(ID)) {
                path = EpcUrns.path(identifier.substring(ID.length()));
            } else if (identifier.startsWith(LGTIN)) {
                String[] p = EpcUrns.fields(identifier.substring(LGTIN.length()), 3);
                path = p == null ? null : "/01/" + EpcUrns.gtin(p[0], p[1]) + "/10/" + EpcUrns.value(p[2], 20);
            } else if (identifier.startsWith(SGTIN_CLASS) && identifier.endsWith(".*")) {
                String[] p = EpcUrns.fields(identifier.substring(SGTIN_CLASS.length()), 3);
                path = p == null ? null : "/01/" + EpcUrns.gtin(p[0], p[1]);
            } else if (identifier.startsWith("https://") || identifier.startsWith("http://")) {
                path = LinkKeys.path(identifier);
            }
        } catch (IllegalArgumentException e) {
            path = null; // malformed: matched only as written
        }
        return path == null ? identifier : BASE + path;
    }

    /**
     * A decoded value checked against GS1 set 82 (1 to {@code maxLength} characters), percent-encoded
     * as Digital Link paths carry it (RFC 3986 unreserved characters kept).
     */
    static String segment(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException("not 1 to " + maxLength + " characters of GS1 set 82");
        }
        boolean plain = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !SET82[c]) {
                throw new IllegalArgumentException("not 1 to " + maxLength + " characters of GS1 set 82");
            }
            plain &= c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '.' || c == '_'
                    || c == '*';
        }
        // this runs for every identifier ingest stores: most serials need no encoding
        return plain ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** True when {@code s} is {@code min} to {@code max} ASCII digits. */
    static boolean digits(String s, int min, int max) {
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

    /** {@code digits} followed by its GS1 mod-10 check digit. */
    static String withCheck(String digits) {
        return digits + Gtin.checkDigit(digits);
    }

    /** True when {@code digits} are {@code length} digits, the last their GS1 check digit. */
    static boolean checked(String digits, int length) {
        return digits.length() == length && digits(digits, length, length)
                && Gtin.checkDigit(digits.substring(0, length - 1)) == digits.charAt(length - 1) - '0';
    }
}
