package org.prooftrail.store.envelopes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One row of table {@code epcis_event} with its {@code event_epc} rows, as ingest derives them from an
 * event envelope ({@link RowDerivation}) or as they are stored. {@code record_time} is not part of it:
 * it is when the row was written, which no envelope says.
 *
 * @param hashId the event's CBV 2.0 event hash ID ({@code ni:///sha-256;...?ver=CBV2.0})
 * @param doc the EPCIS event as stored in column {@code doc}; shared, treat it as read-only
 * @param epcs each (epc, role) once
 */
public record EventRow(String eventId, String hashId, long envelopeId, String orgId, String eventType, String action, Instant eventTime,
                       String eventTimeZoneOffset, String bizStep, String disposition, String readPoint,
                       String bizLocation, JsonNode doc, List<EpcRow> epcs) {
    /** The envelope id of a row derived before its envelope was stored. */
    public static final long NOT_YET_STORED = 0;

    /** This row as the event of envelope {@code id}. */
    public EventRow withEnvelopeId(long id) {
        return new EventRow(eventId, hashId, id, orgId, eventType, action, eventTime, eventTimeZoneOffset, bizStep, disposition,
                readPoint, bizLocation, doc, epcs);
    }
}
