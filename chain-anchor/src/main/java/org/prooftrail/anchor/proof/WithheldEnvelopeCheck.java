package org.prooftrail.anchor.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.core.envelope.Jws;
import org.prooftrail.core.sdjwt.DisclosedView;
import org.prooftrail.core.sdjwt.SdJwt;
import org.prooftrail.core.sdjwt.SdJwtException;
import org.prooftrail.core.sdjwt.SdJwtVerifier;

/**
 * The signature check of a bundle whose envelope is an SD-JWT event's issuer-signed JWT (payload with
 * {@code _sd_alg}; docs/envelope.md, "SD-JWT events"), which a proof bundle carries without its
 * disclosures. The envelope rules cannot run on it (a withheld member may be one they require, such as
 * a TransformationEvent's outputs), so this checks what the JWT alone proves: the issuer's signature,
 * well-formed digests, and that it is the device's envelope {@code seq}. Withheld fields are counted,
 * not failed: their digests are signed, so they exist and cannot be changed.
 */
final class WithheldEnvelopeCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEP = "device signature";

    private WithheldEnvelopeCheck() {
    }

    /** Whether the compact JWS is an SD-JWT's issuer-signed JWT. */
    static boolean applies(String jws) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode payload = JSON.readTree(Base64Url.decode(parts[1]));
            return payload != null && payload.has("_sd_alg");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The "device signature" step for such an envelope. */
    static BundleVerifier.Step check(ProofBundle.Envelope e, VerifyingKey key) {
        SdJwt sd = new SdJwt(e.jws(), List.of());
        DisclosedView view;
        try {
            Jws jws = SdJwtVerifier.signedJwt(sd);
            if (!jws.kid().equals(e.kid())) {
                return failed("the JWT names key " + jws.kid() + ", not the bundle's " + e.kid());
            }
            view = SdJwtVerifier.verify(sd, key);
        } catch (SdJwtException x) {
            return failed(x.problem() + ": " + x.getMessage());
        }
        JsonNode p = view.payload();
        if (!e.device().equals(p.path("dev").asText(null)) || p.path("seq").asLong(-1) != e.seq() || !p.path("event").isObject()) {
            return failed("the signed payload is not event envelope " + e.device() + "/" + e.seq() + " (dev "
                    + p.path("dev") + ", seq " + p.path("seq") + ")");
        }
        return new BundleVerifier.Step(STEP, true, e.alg() + " by " + e.device() + " (key " + e.kid() + "), seq " + e.seq()
                + "; an SD-JWT with " + view.withheld().size() + " fields withheld (signed digests, not disclosed in a proof bundle)");
    }

    private static BundleVerifier.Step failed(String why) {
        return new BundleVerifier.Step(STEP, false, why);
    }
}
