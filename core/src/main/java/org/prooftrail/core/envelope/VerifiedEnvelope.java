package org.prooftrail.core.envelope;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.core.crypto.SignatureAlgorithm;

/**
 * An envelope whose signature verified with the registered, unrevoked key of the device it names,
 * and whose payload is valid.
 *
 * @param raw the JWS exactly as received; these bytes are what is stored and hashed into the log.
 *     Not copied, for speed: callers must not modify the array.
 * @param seq the device's sequence number; (dev, seq) is the idempotency key
 * @param ts when the device says it sent the envelope
 * @param disclosures for an SD-JWT envelope, the disclosures sent with it (each matched a digest of
 *     {@code raw}, which is then the issuer-signed JWT alone); empty for a plain JWS. {@code body}
 *     is built from the payload with these disclosures in place.
 */
public record VerifiedEnvelope(
        byte[] raw, SignatureAlgorithm alg, String kid, String dev, long seq, Instant ts, EnvelopeBody body,
        List<String> disclosures)
        implements VerificationResult {

    /** A plain JWS envelope. */
    public VerifiedEnvelope(byte[] raw, SignatureAlgorithm alg, String kid, String dev, long seq, Instant ts, EnvelopeBody body) {
        this(raw, alg, kid, dev, seq, ts, body, List.of());
    }

    public VerifiedEnvelope {
        Objects.requireNonNull(raw);
        Objects.requireNonNull(alg);
        Objects.requireNonNull(kid);
        Objects.requireNonNull(dev);
        Objects.requireNonNull(ts);
        Objects.requireNonNull(body);
        disclosures = List.copyOf(disclosures);
    }

    /** This envelope with the disclosures it arrived with. */
    public VerifiedEnvelope withDisclosures(List<String> sent) {
        return new VerifiedEnvelope(raw, alg, kid, dev, seq, ts, body, sent);
    }

    /** Whether disclosures came with it, to be stored apart from {@code raw}. */
    public boolean hasDisclosures() {
        return !disclosures.isEmpty();
    }

    /** The readings, if this envelope carries readings. */
    public Optional<List<Reading>> readings() {
        return body instanceof Readings r ? Optional.of(r.readings()) : Optional.empty();
    }

    /** The EPCIS event, if this envelope carries one. */
    public Optional<EpcisEvent> event() {
        return body instanceof EpcisEvent e ? Optional.of(e) : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifiedEnvelope that && Arrays.equals(raw, that.raw) && alg == that.alg
                && kid.equals(that.kid) && dev.equals(that.dev) && seq == that.seq && ts.equals(that.ts)
                && body.equals(that.body) && disclosures.equals(that.disclosures);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "VerifiedEnvelope[" + alg.jwsName() + " kid=" + kid + " dev=" + dev + " seq=" + seq + " ts=" + ts
                + " " + raw.length + " bytes, " + (disclosures.isEmpty() ? "" : disclosures.size() + " disclosures, ") + body.describe() + "]";
    }
}
