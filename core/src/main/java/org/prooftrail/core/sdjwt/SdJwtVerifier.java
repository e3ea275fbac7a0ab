package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.core.envelope.Jws;
import org.prooftrail.core.envelope.MalformedJwsException;
import org.prooftrail.core.sdjwt.SdJwtException.Problem;

/**
 * Verifies an SD-JWT with the issuer's key and yields its disclosed view (RFC 9901 section 7.1):
 * the issuer signature first, then every disclosure against the signed digests. Stateless.
 */
public final class SdJwtVerifier {
    /** Same bound as envelope payloads. */
    public static final int MAX_DEPTH = 32;
    private static final ObjectMapper PAYLOAD = SdJson.strictMapper(MAX_DEPTH);

    private SdJwtVerifier() {
    }

    public static DisclosedView verify(SdJwt sdJwt, VerifyingKey issuerKey) throws SdJwtException {
        Jws jws = signedJwt(sdJwt);
        if (jws.alg() != issuerKey.algorithm()) {
            throw new SdJwtException(Problem.BAD_SIGNATURE, "header alg " + jws.alg().jwsName() + " is not the key's "
                    + issuerKey.algorithm().jwsName());
        }
        if (!issuerKey.verify(jws.signingInput(), jws.signature())) {
            throw new SdJwtException(Problem.BAD_SIGNATURE, "issuer signature does not verify");
        }
        return process(payload(jws.payload()), sdJwt.disclosures());
    }

    /** Parses the issuer-signed JWT, telling a missing signature apart from other malformation. */
    public static Jws signedJwt(SdJwt sdJwt) throws SdJwtException {
        if (!sdJwt.hasSignature()) {
            throw new SdJwtException(Problem.MISSING_SIGNATURE, "the issuer-signed JWT has no signature; an SD-JWT must be signed");
        }
        try {
            return Jws.parse(sdJwt.jwtBytes());
        } catch (MalformedJwsException e) {
            throw new SdJwtException(Problem.MALFORMED, "issuer-signed JWT: " + e.getMessage());
        }
    }

    /** The disclosed view of an authenticated payload given the disclosures as sent. */
    public static DisclosedView process(ObjectNode signedPayload, List<String> encodedDisclosures) throws SdJwtException {
        List<Disclosure> disclosures = new ArrayList<>(encodedDisclosures.size());
        for (String encoded : encodedDisclosures) {
            disclosures.add(Disclosure.parse(encoded));
        }
        return SdPayloadProcessor.process(signedPayload, disclosures);
    }

    /** The signed payload of the issuer-signed JWT as a JSON object, read with the same bounds as here. */
    public static ObjectNode payload(byte[] json) throws SdJwtException {
        JsonNode node;
        try {
            node = PAYLOAD.readTree(json);
        } catch (IOException e) {
            throw new SdJwtException(Problem.MALFORMED, "payload is not JSON: " + SdJson.oneLine(e));
        }
        if (node == null || !node.isObject()) {
            throw new SdJwtException(Problem.MALFORMED, "payload must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
