package org.prooftrail.api.provenance;

/**
 * The eventID an anonymous answer (the consumer page, the provenance JSON) may show. A CBV 2.0 event
 * hash ID ({@code ni:///sha-256;...?ver=CBV2.0}) is an unsalted digest of the whole event: its EPC
 * lists, quantities, business transactions, sources and destinations. Whoever holds it can confirm a
 * guess, such as which other packs were in a case, by hashing candidates until one matches; so it is
 * left out (null) there, while owners and regulators read it through EPCIS queries. Other eventIDs
 * ({@code urn:uuid:...} and the like, or the stored {@code urn:prooftrail:envelope:...}) carry no
 * digest of the event and are shown. The signed payload still holds the issuer's eventID until events
 * are selectively disclosed (docs/proofs.md, "Who may fetch a proof bundle").
 */
public final class PublicEventId {
    private PublicEventId() {
    }

    /** The eventID as anonymous answers show it: null for an event hash ID (RFC 6920 {@code ni:} URI). */
    public static String of(String eventId) {
        return eventId == null || isHashId(eventId) ? null : eventId;
    }

    /** Any RFC 6920 named-information URI is a digest, whatever its hash. */
    public static boolean isHashId(String eventId) {
        return eventId.regionMatches(true, 0, "ni:", 0, 3);
    }
}
