package org.prooftrail.core.crypto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Public keys as JSON Web Keys: {@code OKP}/{@code Ed25519} with {@code x} (RFC 8037), {@code EC}
 * {@code P-256} with {@code x} and {@code y} (RFC 7518 section 6.2), and {@code EC} with the private
 * curve name {@code SM2} for sm2p256v1, laid out like P-256.
 */
public final class Jwk {
    /** The curve name ProofTrail uses for sm2p256v1; JOSE has no registered one. */
    public static final String SM2_CURVE = "SM2";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Jwk() {
    }

    /**
     * Reads a public JWK. Members other than those named above, {@code alg}, {@code use} and
     * {@code d} are ignored (for example {@code kid}); {@code alg} and {@code use}, when present,
     * must agree with the key.
     *
     * @throws KeyFormatException also when the JWK holds a private key ({@code d}): a registry that
     *     accepted one would store a secret it should never have seen
     */
    public static VerifyingKey parse(String json) throws KeyFormatException {
        JsonNode jwk;
        try {
            jwk = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new KeyFormatException("JWK is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (jwk == null || !jwk.isObject()) {
            throw new KeyFormatException("JWK must be a JSON object");
        }
        if (jwk.has("d")) {
            throw new KeyFormatException("JWK contains a private key (\"d\"); give the public key only");
        }
        String kty = text(jwk, "kty");
        String crv = text(jwk, "crv");
        SignatureAlgorithm algorithm = switch (kty + "/" + crv) {
            case "OKP/Ed25519" -> SignatureAlgorithm.EdDSA;
            case "EC/P-256" -> SignatureAlgorithm.ES256;
            case "EC/" + SM2_CURVE -> SignatureAlgorithm.SM2SM3;
            default -> throw new KeyFormatException("unsupported JWK kty \"" + kty + "\" with crv \"" + crv
                    + "\" (expected OKP/Ed25519, EC/P-256 or EC/SM2)");
        };
        checkOptional(jwk, "alg", algorithm.jwsName());
        checkOptional(jwk, "use", "sig");
        byte[] x = coordinate(jwk, "x");
        if (algorithm == SignatureAlgorithm.EdDSA) {
            return PublicKeys.fromRaw(algorithm, x);
        }
        byte[] y = coordinate(jwk, "y");
        if (x.length != Curves.FIELD_BYTES || y.length != Curves.FIELD_BYTES) {
            // RFC 7518 6.2.1.2: coordinates are full length, leading zeros included.
            throw new KeyFormatException("EC JWK coordinates must be 32 bytes each (x is " + x.length + ", y is " + y.length + ")");
        }
        byte[] point = new byte[1 + 2 * Curves.FIELD_BYTES];
        point[0] = 0x04;
        System.arraycopy(x, 0, point, 1, x.length);
        System.arraycopy(y, 0, point, 1 + x.length, y.length);
        return PublicKeys.fromRaw(algorithm, point);
    }

    /** The JWK with {@code kty}, {@code crv}, {@code x}, {@code y} (EC only) and {@code alg}. */
    public static String toJson(VerifyingKey key) {
        return write(members(key));
    }

    /** As {@link #toJson(VerifyingKey)} with a {@code kid} member. */
    public static String toJson(VerifyingKey key, String kid) {
        ObjectNode node = members(key);
        node.put("kid", kid);
        return write(node);
    }

    /**
     * The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order.
     * Stable for a given key, so {@code keygen} can use it as a default {@code kid}.
     */
    public static String thumbprint(VerifyingKey key) {
        ObjectNode node = members(key);
        String canonical = key.algorithm() == SignatureAlgorithm.EdDSA
                ? "{\"crv\":\"" + node.get("crv").asText() + "\",\"kty\":\"OKP\",\"x\":\"" + node.get("x").asText() + "\"}"
                : "{\"crv\":\"" + node.get("crv").asText() + "\",\"kty\":\"EC\",\"x\":\"" + node.get("x").asText()
                        + "\",\"y\":\"" + node.get("y").asText() + "\"}";
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static ObjectNode members(VerifyingKey key) {
        ObjectNode node = MAPPER.createObjectNode();
        byte[] raw = key.raw();
        switch (key.algorithm()) {
            case EdDSA -> {
                node.put("kty", "OKP").put("crv", "Ed25519").put("x", Base64Url.encode(raw));
            }
            case ES256, SM2SM3 -> {
                var q = ((ECPublicKeyParameters) key.parameters()).getQ().normalize();
                node.put("kty", "EC")
                        .put("crv", key.algorithm() == SignatureAlgorithm.ES256 ? "P-256" : SM2_CURVE)
                        .put("x", Base64Url.encode(BigIntegers.asUnsignedByteArray(Curves.FIELD_BYTES, q.getAffineXCoord().toBigInteger())))
                        .put("y", Base64Url.encode(BigIntegers.asUnsignedByteArray(Curves.FIELD_BYTES, q.getAffineYCoord().toBigInteger())));
            }
            default -> throw new IllegalStateException("unhandled algorithm " + key.algorithm());
        }
        node.put("alg", key.algorithm().jwsName());
        return node;
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising a JSON tree cannot fail", e);
        }
    }

    private static String text(JsonNode jwk, String member) throws KeyFormatException {
        JsonNode value = jwk.get(member);
        if (value == null || !value.isTextual()) {
            throw new KeyFormatException("JWK member \"" + member + "\" is required and must be a string");
        }
        return value.textValue();
    }

    private static void checkOptional(JsonNode jwk, String member, String required) throws KeyFormatException {
        JsonNode value = jwk.get(member);
        if (value != null && !(value.isTextual() && required.equals(value.textValue()))) {
            throw new KeyFormatException("JWK \"" + member + "\" is " + value + " but this key needs \"" + required + "\"");
        }
    }

    private static byte[] coordinate(JsonNode jwk, String member) throws KeyFormatException {
        try {
            return Base64Url.decode(text(jwk, member));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("JWK \"" + member + "\": " + e.getMessage(), e);
        }
    }
}
