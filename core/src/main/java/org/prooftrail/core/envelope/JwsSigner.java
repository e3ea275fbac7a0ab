package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SigningKey;

/**
 * Produces compact JWS envelopes with one device key, for the device simulator and tests. The header
 * is {@code {"alg":...,"kid":...}}, encoded once; the payload bytes are signed exactly as given.
 * Thread-safe.
 */
public final class JwsSigner {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SigningKey key;
    private final String encodedHeader;

    public JwsSigner(String kid, SigningKey key) {
        this.key = Objects.requireNonNull(key);
        ObjectNode header = MAPPER.createObjectNode()
                .put("alg", key.algorithm().jwsName())
                .put("kid", Objects.requireNonNull(kid));
        this.encodedHeader = Base64Url.encode(header.toString().getBytes(UTF_8));
    }

    /** The JWS as the ASCII bytes to publish. */
    public byte[] sign(byte[] payload) {
        return signToString(payload).getBytes(US_ASCII);
    }

    public String signToString(byte[] payload) {
        String signingInput = encodedHeader + "." + Base64Url.encode(payload);
        byte[] signature = key.sign(signingInput.getBytes(US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }
}
