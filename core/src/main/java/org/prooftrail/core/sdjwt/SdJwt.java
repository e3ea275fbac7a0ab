package org.prooftrail.core.sdjwt;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An SD-JWT in compact serialization (RFC 9901 section 4): {@code <issuer-signed JWT>~<disclosure>~...~}.
 * The issuer-signed JWT is a JWS compact serialization; the disclosures follow, each ended by a
 * tilde. A key binding JWT after the last tilde is refused: no one binds our events to a holder key.
 *
 * @param jwt the issuer-signed JWT, the part that is stored and hashed into the log
 * @param disclosures the disclosures as sent, in order
 */
public record SdJwt(String jwt, List<String> disclosures) {
    public static final char SEPARATOR = '~';

    public SdJwt {
        Objects.requireNonNull(jwt);
        disclosures = List.copyOf(disclosures);
    }

    /** Whether the received bytes are meant as an SD-JWT: a plain JWS never contains a tilde. */
    public static boolean isSdJwt(byte[] raw) {
        for (byte b : raw) {
            if (b == SEPARATOR) {
                return true;
            }
        }
        return false;
    }

    public static SdJwt parse(byte[] raw) throws SdJwtException {
        for (byte b : raw) {
            if (b < 0x21 || b > 0x7e) {
                throw new SdJwtException(SdJwtException.Problem.MALFORMED,
                        "an SD-JWT is printable ASCII without spaces or line breaks; found byte 0x" + Integer.toHexString(b & 0xff));
            }
        }
        String text = new String(raw, US_ASCII);
        int first = text.indexOf(SEPARATOR);
        if (first < 0) {
            throw new SdJwtException(SdJwtException.Problem.MALFORMED, "an SD-JWT has a '~' after the issuer-signed JWT");
        }
        if (first == 0) {
            throw new SdJwtException(SdJwtException.Problem.MALFORMED, "the issuer-signed JWT before the first '~' is empty");
        }
        if (text.charAt(text.length() - 1) != SEPARATOR) {
            throw new SdJwtException(SdJwtException.Problem.MALFORMED,
                    "an SD-JWT ends with '~'; a key binding JWT after it is not accepted");
        }
        List<String> disclosures = new ArrayList<>();
        int from = first + 1;
        while (from < text.length()) {
            int end = text.indexOf(SEPARATOR, from);
            if (end == from) {
                throw new SdJwtException(SdJwtException.Problem.MALFORMED, "empty disclosure (\"~~\") at character " + from);
            }
            disclosures.add(text.substring(from, end));
            from = end + 1;
        }
        return new SdJwt(text.substring(0, first), disclosures);
    }

    /** Whether the issuer-signed JWT has a non-empty signature part; "alg":"none" JWTs have none. */
    public boolean hasSignature() {
        int lastDot = jwt.lastIndexOf('.');
        return lastDot >= 0 && lastDot < jwt.length() - 1 && jwt.indexOf('.') != lastDot;
    }

    public String serialize() {
        StringBuilder b = new StringBuilder(jwt).append(SEPARATOR);
        for (String d : disclosures) {
            b.append(d).append(SEPARATOR);
        }
        return b.toString();
    }

    public byte[] jwtBytes() {
        return jwt.getBytes(US_ASCII);
    }
}
