package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.prooftrail.core.envelope.JwsSigner;

/**
 * Signs an SD-JWT with our JWS layer, so any key we sign envelopes with (EdDSA, ES256, SM2SM3)
 * issues SD-JWTs. The payload is the one a {@link SdPayloadBuilder} concealed; {@code _sd_alg} is set here.
 */
public final class SdJwtIssuer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JwsSigner signer;

    public SdJwtIssuer(JwsSigner signer) {
        this.signer = Objects.requireNonNull(signer);
    }

    public SdJwt issue(ObjectNode concealedPayload, List<Disclosure> disclosures) {
        concealedPayload.put("_sd_alg", SdDigests.SD_ALG);
        byte[] payload;
        try {
            payload = MAPPER.writeValueAsBytes(concealedPayload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        return new SdJwt(signer.signToString(payload), disclosures.stream().map(Disclosure::encoded).toList());
    }
}
