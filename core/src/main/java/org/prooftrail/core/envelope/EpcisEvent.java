package org.prooftrail.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One EPCIS 2.0 event, valid against the event rules of GS1's EPCIS 2.0 JSON schema.
 *
 * @param eventTimeZoneOffset as sent, for example {@code +08:00}; EPCIS keeps it beside the instant
 * @param json the event exactly as parsed, to be stored as EPCIS JSON. Shared, not copied: treat it as
 *     read-only.
 */
public record EpcisEvent(EpcisEventType type, Instant eventTime, String eventTimeZoneOffset, JsonNode json)
        implements EnvelopeBody {
    public EpcisEvent {
        Objects.requireNonNull(type);
        Objects.requireNonNull(eventTime);
        Objects.requireNonNull(eventTimeZoneOffset);
        Objects.requireNonNull(json);
    }

    @Override
    public String describe() {
        return type + " at " + eventTime;
    }
}
