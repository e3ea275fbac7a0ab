package org.prooftrail.store.journey;

import java.time.Instant;

/**
 * One lifecycle event on a code's journey, reduced to what the public may see: no business
 * transactions, no master data beyond the step, place and organisation.
 *
 * @param via    why it is on this journey: {@code item}, {@code lot}, {@code container} or {@code input}
 * @param device the device whose signed envelope carried it, with {@code seq}; null when it has none
 * @param selective whether that envelope is an SD-JWT: its business fields (the eventID among them) are
 *                  disclosures, shown only to whom they are meant for (docs/proofs.md)
 */
public record TimelineEvent(long id, String eventId, String type, String action, Instant time, String timeZoneOffset,
                            String bizStep, String disposition, String readPoint, String bizLocation, String orgName,
                            String via, String device, Long seq, boolean selective) {
    /** An event signed as a plain JWS, or with no envelope. */
    public TimelineEvent(long id, String eventId, String type, String action, Instant time, String timeZoneOffset,
                         String bizStep, String disposition, String readPoint, String bizLocation, String orgName,
                         String via, String device, Long seq) {
        this(id, eventId, type, action, time, timeZoneOffset, bizStep, disposition, readPoint, bizLocation, orgName, via,
                device, seq, false);
    }

    /** Where the event puts things: the business location, else the read point. */
    public String location() {
        return bizLocation != null ? bizLocation : readPoint;
    }

    public TimelineEvent via(String why) {
        return new TimelineEvent(id, eventId, type, action, time, timeZoneOffset, bizStep, disposition, readPoint,
                bizLocation, orgName, why, device, seq, selective);
    }
}
