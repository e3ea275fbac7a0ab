package org.prooftrail.core.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;

/**
 * A parsed, not yet verified, JWS in compact serialization (RFC 7515 section 7.1).
 *
 * <p>Stricter than the RFC requires, because the received bytes are what is stored and anchored:
 * exactly three parts; base64url without padding, whitespace or non-zero spare bits, so each value
 * has one spelling; a protected header that is a JSON object of at most {@value #MAX_HEADER_CHARS}
 * characters, with {@code alg} one of ours, a non-empty {@code kid}, and no {@code crit} (we
 * implement no extensions, and RFC 7515 section 4.1.11 requires refusing ones we do not understand).
 * Other header parameters are ignored, as the RFC directs; none of them ({@code jwk}, {@code x5c},
 * ...) is ever used to find a key.
 *
 * @param signingInput the ASCII bytes {@code header.payload} the signature covers
 */
public record Jws(SignatureAlgorithm alg, String kid, byte[] payload, byte[] signature, byte[] signingInput) {
    /** Encoded header characters; ours are about 60. Bounds the JSON parsed before authentication. */
    public static final int MAX_HEADER_CHARS = 2048;
    public static final int MAX_KID_CHARS = 256;

    private static final ObjectMapper HEADER_MAPPER = StrictJson.mapper(8);

    public Jws {
        Objects.requireNonNull(alg);
        Objects.requireNonNull(kid);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(signature);
        Objects.requireNonNull(signingInput);
    }

    public static Jws parse(byte[] compact) throws MalformedJwsException {
        int first = indexOf(compact, 0);
        int second = first < 0 ? -1 : indexOf(compact, first + 1);
        if (second < 0 || indexOf(compact, second + 1) >= 0) {
            throw new MalformedJwsException("a JWS compact serialization has 3 parts (header.payload.signature); this has "
                    + (count(compact) + 1));
        }
        if (first == 0) {
            throw new MalformedJwsException("protected header is empty");
        }
        if (first > MAX_HEADER_CHARS) {
            throw new MalformedJwsException("protected header is " + first + " characters; at most " + MAX_HEADER_CHARS
                    + " are accepted");
        }
        byte[] headerJson = decode("protected header", compact, 0, first);
        int invalid = Utf8.firstInvalidByte(headerJson);
        if (invalid >= 0) {
            throw new MalformedJwsException("protected header is not valid UTF-8 at byte " + invalid);
        }
        SignatureAlgorithm alg;
        String kid;
        PlainHeader plain = PlainHeader.read(headerJson);
        if (plain != null) {
            alg = algorithm(plain.alg());
            kid = kid(plain.kid());
        } else {
            JsonNode header = parseHeader(headerJson);
            alg = algorithm(header);
            kid = kid(header);
            refuseExtensions(header);
        }
        byte[] payload = decode("payload", compact, first + 1, second);
        byte[] signature = decode("signature", compact, second + 1, compact.length);
        if (signature.length != SignatureAlgorithm.SIGNATURE_LENGTH) {
            throw new MalformedJwsException("signature is " + signature.length + " bytes; " + alg.jwsName()
                    + " signatures are " + SignatureAlgorithm.SIGNATURE_LENGTH);
        }
        return new Jws(alg, kid, payload, signature, Arrays.copyOfRange(compact, 0, second));
    }

    /**
     * The common header, {@code {"alg":"EdDSA","kid":"truck-17-k1"}} with perhaps {@code typ}, read in
     * one pass without a tree, which was an eighth of the CPU of checking ten readings without the
     * signature once their payload was read in one pass: an object whose members are all storable
     * strings, {@code alg} and {@code kid} among them, and neither {@code crit} nor {@code b64}. Anything
     * else is null, and {@link #parseHeader} decides; for a header read here the checks of {@code alg}
     * and {@code kid} are the ones the tree path would come to next.
     */
    private record PlainHeader(String alg, String kid) {
        static PlainHeader read(byte[] json) {
            try (JsonParser p = HEADER_MAPPER.getFactory().createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                String alg = null;
                String kid = null;
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    if (p.nextToken() != JsonToken.VALUE_STRING || name.equals("crit") || name.equals("b64")) {
                        return null;
                    }
                    String value = p.getText();
                    if (!StrictJson.isStorable(name) || !StrictJson.isStorable(value)) {
                        return null;
                    }
                    if (name.equals("alg")) {
                        alg = value;
                    } else if (name.equals("kid")) {
                        kid = value;
                    }
                }
                // The parser refuses repeated names itself; trailing content is left to the tree path
                return alg == null || kid == null || p.nextToken() != null ? null : new PlainHeader(alg, kid);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static JsonNode parseHeader(byte[] json) throws MalformedJwsException {
        JsonNode header;
        try {
            header = HEADER_MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedJwsException("protected header is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedJwsException("protected header is not valid JSON: " + e.getMessage());
        }
        if (header == null || !header.isObject()) {
            throw new MalformedJwsException("protected header must be a JSON object");
        }
        String problem = StrictJson.unstorableText(header);
        if (problem != null) {
            throw new MalformedJwsException("protected header " + problem);
        }
        return header;
    }

    private static SignatureAlgorithm algorithm(JsonNode header) throws MalformedJwsException {
        JsonNode alg = header.get("alg");
        if (alg == null) {
            throw new MalformedJwsException("protected header has no \"alg\"");
        }
        if (!alg.isTextual()) {
            throw new MalformedJwsException("protected header \"alg\" must be a string");
        }
        return algorithm(alg.textValue());
    }

    private static SignatureAlgorithm algorithm(String name) throws MalformedJwsException {
        return SignatureAlgorithm.fromJwsName(name).orElseThrow(() -> new MalformedJwsException(
                "unsupported alg " + Excerpt.quote(name) + "; expected one of " + SignatureAlgorithm.names()));
    }

    private static String kid(JsonNode header) throws MalformedJwsException {
        JsonNode kid = header.get("kid");
        if (kid == null) {
            throw new MalformedJwsException("protected header has no \"kid\"; it names the device key");
        }
        if (!kid.isTextual()) {
            throw new MalformedJwsException("protected header \"kid\" must be a non-empty string");
        }
        return kid(kid.textValue());
    }

    private static String kid(String value) throws MalformedJwsException {
        if (value.isEmpty()) {
            throw new MalformedJwsException("protected header \"kid\" must be a non-empty string");
        }
        if (value.length() > MAX_KID_CHARS) {
            throw new MalformedJwsException("\"kid\" is " + value.length() + " characters; at most " + MAX_KID_CHARS);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new MalformedJwsException("\"kid\" " + Excerpt.quote(value) + " contains a control character");
            }
        }
        return value;
    }

    private static void refuseExtensions(JsonNode header) throws MalformedJwsException {
        if (header.has("crit")) {
            throw new MalformedJwsException("protected header lists critical extensions " + Excerpt.quote(header.get("crit").toString())
                    + "; none is supported");
        }
        // RFC 7797 unencoded payloads must be listed in crit; refuse a stray one too rather than guess.
        if (header.has("b64")) {
            throw new MalformedJwsException("unencoded payloads (\"b64\") are not supported");
        }
    }

    private static byte[] decode(String part, byte[] compact, int from, int to) throws MalformedJwsException {
        try {
            return Base64Url.decode(compact, from, to);
        } catch (IllegalArgumentException e) {
            throw new MalformedJwsException(part + ": " + e.getMessage());
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    private static int count(byte[] bytes) {
        int dots = 0;
        for (byte b : bytes) {
            if (b == '.') {
                dots++;
            }
        }
        return dots;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Jws that && alg == that.alg && kid.equals(that.kid) && Arrays.equals(payload, that.payload)
                && Arrays.equals(signature, that.signature) && Arrays.equals(signingInput, that.signingInput);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signingInput);
    }

    @Override
    public String toString() {
        return "Jws[" + alg.jwsName() + " kid=" + kid + ", " + payload.length + "-byte payload]";
    }
}
