package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Builds an event envelope as an SD-JWT: {@code {"dev", "seq", "ts", "event": <concealed event>,
 * "_sd_alg": "sha-256"}} signed by the device or organisation key, followed by every disclosure.
 * {@code dev}, {@code seq} and {@code ts} stay in the clear: they identify and order the envelope.
 */
public final class SdEventEnvelope {
    private final SdJwtIssuer issuer;
    private final EpcisEventConcealer concealer;

    public SdEventEnvelope(SdJwtIssuer issuer, EpcisDisclosurePolicy policy) {
        this.issuer = Objects.requireNonNull(issuer);
        this.concealer = new EpcisEventConcealer(policy);
    }

    /** @param ts the envelope time as it will be sent (RFC 3339) */
    public SdJwt issue(String dev, long seq, String ts, JsonNode event) {
        SdPayloadBuilder builder = new SdPayloadBuilder();
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("dev", dev).put("seq", seq).put("ts", ts);
        payload.set("event", concealer.conceal(event, builder));
        return issuer.issue(payload, builder.disclosures());
    }
}
