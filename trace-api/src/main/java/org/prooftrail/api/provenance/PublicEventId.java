package org.prooftrail.api.provenance;

/**
 * The eventID an anonymous answer (the consumer page, the provenance JSON) may show. A CBV 2.0 event
 * hash ID ({@code ni:///sha-256;...?ver=CBV2.0}) is an unsalted digest of the whole event: its EPC
 * lists, quantities, business transactions, sources and destinations. Whoever holds it can confirm a
 * guess, such as which other packs were in a case, by hashing candidates until one matches; so it is
 * left out (null) there, while owners and regulators read it through EPCIS queries. Other eventIDs
 * ({@code urn:uuid:...} and the like, or the stored {@code urn:prooftrail:envelope:...}) carry no
 * digest of the event and are shown. An event signed as an SD-JWT shows none at all: its eventID is
 * one of its concealed fields (docs/envelope.md, "What to conceal"), and the page's recheck reads the
 * signed payload without it. A plain JWS still carries the issuer's eventID in its signed payload
 * (docs/proofs.md, "Hash IDs are not public").
 */
public final class PublicEventId {
    private PublicEventId() {
    }

    /** The eventID as anonymous answers show it: null for an event hash ID (RFC 6920 {@code ni:} URI). */
    public static String of(String eventId) {
        return eventId == null || isHashId(eventId) ? null : eventId;
    }

    /** The eventID an anonymous answer shows for this event: none for an SD-JWT event, else {@link #of(String)}. */
    public static String of(org.prooftrail.store.journey.TimelineEvent e) {
        return e.selective() ? null : of(e.eventId());
    }

    /** Any RFC 6920 named-information URI is a digest, whatever its hash. */
    public static boolean isHashId(String eventId) {
        return eventId.regionMatches(true, 0, "ni:", 0, 3);
    }
}
