package org.prooftrail.core.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.prooftrail.core.crypto.Ed25519BatchVerifier;
import org.prooftrail.core.sdjwt.SdJwt;
import org.prooftrail.core.sdjwt.SdJwtException;
import org.prooftrail.core.sdjwt.SdJwtVerifier;

/**
 * The one entry point from received bytes to a {@link VerifiedEnvelope} or a {@link Rejection}.
 *
 * <p>Checks run cheapest and least trusting first: size, JWS structure, key lookup, signature, and
 * only then the payload JSON; {@link #verifyAll} runs each phase for several envelopes before the
 * next, so that their Ed25519 signatures are checked in one batch. The payload is not even parsed until the signature holds, so an
 * unauthenticated sender can make us do no more than decode base64 and parse a short header.
 *
 * <p>Immutable and thread-safe: one instance serves the whole worker pool. Bad input never throws;
 * only a failing {@link KeyLookup} does, because that is no verdict on the envelope.
 */
public final class EnvelopeVerifier {
    private static final UnexpectedFailureLog UNEXPECTED = new UnexpectedFailureLog();

    private final KeyLookup keys;
    private final EnvelopeLimits limits;
    private final ObjectMapper payloadMapper;
    private final ReadingsPayloadReader readingsReader;
    private final Ed25519BatchVerifier ed25519Batch = new Ed25519BatchVerifier();

    public EnvelopeVerifier(KeyLookup keys) {
        this(keys, EnvelopeLimits.defaults());
    }

    public EnvelopeVerifier(KeyLookup keys, EnvelopeLimits limits) {
        this(keys, limits, true);
    }

    /**
     * @param onePassReadings false to decide every payload on the tree path alone, for the test that
     *     holds {@link ReadingsPayloadReader} to the same verdicts
     */
    EnvelopeVerifier(KeyLookup keys, EnvelopeLimits limits, boolean onePassReadings) {
        this.keys = Objects.requireNonNull(keys);
        this.limits = Objects.requireNonNull(limits);
        this.payloadMapper = StrictJson.mapper(limits.maxJsonDepth());
        this.readingsReader = onePassReadings
                ? new ReadingsPayloadReader(StrictJson.factoryWithoutDuplicateCheck(limits.maxJsonDepth()), limits.maxReadings())
                : null;
    }

    public EnvelopeLimits limits() {
        return limits;
    }

    public VerificationResult verify(byte[] raw) {
        Admission a = admit(raw);
        if (a.refused() != null) {
            return a.refused();
        }
        Candidate c = a.candidate();
        return c.key().key().verify(c.jws().signingInput(), c.jws().signature()) ? checkPayload(c) : badSignature(c);
    }

    /**
     * As {@link #verify} on each envelope, result for result, with the Ed25519 signatures among them
     * checked together by {@link Ed25519BatchVerifier}, about a third of the CPU per signature of one
     * by one in batches of 16 to 256. The other algorithms are checked one by one. Keys are looked up
     * for all of them before any signature is checked, so a failing {@link KeyLookup} throws for the
     * whole list.
     */
    public List<VerificationResult> verifyAll(List<byte[]> raws) {
        if (raws.size() == 1) {
            return List.of(verify(raws.get(0)));
        }
        VerificationResult[] results = new VerificationResult[raws.size()];
        Candidate[] candidates = new Candidate[raws.size()];
        List<Integer> ed25519 = new ArrayList<>(raws.size());
        List<Ed25519BatchVerifier.SignedMessage> signed = new ArrayList<>(raws.size());
        for (int i = 0; i < raws.size(); i++) {
            Admission a = admit(raws.get(i));
            if (a.refused() != null) {
                results[i] = a.refused();
                continue;
            }
            Candidate c = a.candidate();
            candidates[i] = c;
            Optional<Ed25519PublicKeyParameters> edKey = c.key().key().ed25519();
            if (edKey.isPresent()) {
                ed25519.add(i);
                signed.add(new Ed25519BatchVerifier.SignedMessage(edKey.get(), c.jws().signingInput(), c.jws().signature()));
            } else if (!c.key().key().verify(c.jws().signingInput(), c.jws().signature())) {
                results[i] = badSignature(c);
            }
        }
        // One Ed25519 signature alone is cheaper the single way, which the batch verifier takes itself.
        boolean[] valid = ed25519Batch.verify(signed);
        for (int j = 0; j < valid.length; j++) {
            if (!valid[j]) {
                int i = ed25519.get(j);
                results[i] = badSignature(candidates[i]);
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = checkPayload(candidates[i]);
            }
        }
        return List.of(results);
    }

    /**
     * An envelope past every check before its signature: well formed, with a kid naming a registered,
     * unrevoked key of the header's algorithm.
     *
     * @param signed the bytes the payload checks read: the envelope, or an SD-JWT's issuer-signed JWT
     * @param sd the SD-JWT it came as, or null for a plain JWS
     */
    private record Candidate(byte[] signed, Jws jws, DeviceKey key, SdJwt sd) {
    }

    /** A candidate, or the rejection that came first. */
    private record Admission(Candidate candidate, Rejection refused) {
        static Admission refusedBy(Rejection r) {
            return new Admission(null, r);
        }
    }

    /** Every check before the signature, cheapest first: size, JWS (or SD-JWT) structure, key. */
    private Admission admit(byte[] raw) {
        if (raw.length > limits.maxEnvelopeBytes()) {
            return Admission.refusedBy(reject(RejectionReason.OVERSIZED, "envelope is " + raw.length + " bytes; the limit is "
                    + limits.maxEnvelopeBytes()));
        }
        if (SdJwt.isSdJwt(raw)) {
            return admitSdJwt(raw);
        }
        Jws jws;
        try {
            jws = Jws.parse(raw);
        } catch (MalformedJwsException e) {
            return Admission.refusedBy(reject(RejectionReason.MALFORMED_JWS, e.getMessage()));
        } catch (RuntimeException e) {
            return Admission.refusedBy(unexpected(RejectionReason.MALFORMED_JWS, e));
        }
        return admitKey(raw, jws, null);
    }

    /**
     * An SD-JWT envelope (docs/envelope.md, "SD-JWT events"): the issuer-signed JWT is checked as any
     * JWS, then every disclosure must match a digest of the signed payload; the body is built from
     * the payload with the disclosures in place, and what is stored and hashed is the JWT alone.
     */
    private Admission admitSdJwt(byte[] raw) {
        SdJwt sd;
        Jws jws;
        try {
            sd = SdJwt.parse(raw);
            jws = SdJwtVerifier.signedJwt(sd);
        } catch (SdJwtException e) {
            return Admission.refusedBy(reject(reason(e), e.getMessage()));
        } catch (RuntimeException e) {
            return Admission.refusedBy(unexpected(RejectionReason.MALFORMED_JWS, e));
        }
        return admitKey(sd.jwtBytes(), jws, sd);
    }

    private Admission admitKey(byte[] signed, Jws jws, SdJwt sd) {
        Optional<DeviceKey> found = keys.find(jws.kid());
        if (found.isEmpty()) {
            return Admission.refusedBy(reject(RejectionReason.UNKNOWN_DEVICE, "no key is registered with kid " + Excerpt.quote(jws.kid())));
        }
        DeviceKey key = found.get();
        if (key.revoked()) {
            return Admission.refusedBy(reject(RejectionReason.REVOKED_KEY, "key " + Excerpt.quote(jws.kid()) + " of device "
                    + Excerpt.quote(key.deviceId()) + " is revoked"));
        }
        // The key decides the algorithm; a header naming another one is refused, never obeyed.
        if (key.key().algorithm() != jws.alg()) {
            return Admission.refusedBy(reject(RejectionReason.BAD_SIGNATURE, "header alg " + jws.alg().jwsName() + " does not match key "
                    + Excerpt.quote(jws.kid()) + ", which is " + key.key().algorithm().jwsName()));
        }
        return new Admission(new Candidate(signed, jws, key, sd), null);
    }

    private static Rejection badSignature(Candidate c) {
        return reject(RejectionReason.BAD_SIGNATURE, "signature does not verify with key " + Excerpt.quote(c.jws().kid()));
    }

    /** The payload checks of a candidate whose signature verified. */
    private VerificationResult checkPayload(Candidate c) {
        try {
            if (c.sd() == null) {
                return checkPayload(c.signed(), c.jws(), c.key().deviceId(), false, List.of());
            }
            List<String> disclosures = c.sd().disclosures();
            VerificationResult result = checkPayload(c.signed(), c.jws(), c.key().deviceId(), true, disclosures);
            return result instanceof VerifiedEnvelope v ? v.withDisclosures(disclosures) : result;
        } catch (RuntimeException e) {
            return unexpected(RejectionReason.SCHEMA_VIOLATION, e);
        }
    }

    private static RejectionReason reason(SdJwtException e) {
        return switch (e.problem()) {
            case MALFORMED -> RejectionReason.MALFORMED_JWS;
            case MALFORMED_DISCLOSURE -> RejectionReason.MALFORMED_DISCLOSURE;
            case MISSING_SIGNATURE -> RejectionReason.MISSING_SIGNATURE;
            case BAD_SIGNATURE -> RejectionReason.BAD_SIGNATURE;
            case UNMATCHED_DISCLOSURE -> RejectionReason.DISCLOSURE_UNMATCHED;
            case DUPLICATE_DIGEST -> RejectionReason.DUPLICATE_DIGEST;
        };
    }

    /**
     * Reads an envelope that was verified when it was stored, with every check of {@link #verify}
     * except the key lookup and the signature, so that what it yields is what ingest handed the
     * writer. For the audit, which recomputes derived rows from stored envelopes; the envelope's
     * bytes are bound to the log by their leaf hash, which the audit checks apart.
     *
     * @param deviceId the device the envelope is stored under; a payload naming another is refused
     */
    public VerificationResult reread(byte[] raw, String deviceId) {
        return reread(raw, deviceId, List.of());
    }

    /**
     * As {@link #reread(byte[], String)} for an SD-JWT envelope, whose stored bytes are the
     * issuer-signed JWT and whose disclosures are stored apart; the body is what those disclosures
     * reveal. A stored JWT whose payload has {@code _sd_alg} is read as an SD-JWT even with none.
     */
    public VerificationResult reread(byte[] raw, String deviceId, List<String> disclosures) {
        Jws jws;
        try {
            jws = Jws.parse(raw);
        } catch (MalformedJwsException e) {
            return reject(RejectionReason.MALFORMED_JWS, e.getMessage());
        } catch (RuntimeException e) {
            return reject(RejectionReason.MALFORMED_JWS, "could not be read: " + Excerpt.line(e.toString()));
        }
        try {
            VerificationResult result = checkPayload(raw, jws, deviceId, disclosures.isEmpty() ? null : Boolean.TRUE, disclosures);
            return result instanceof VerifiedEnvelope v && !disclosures.isEmpty() ? v.withDisclosures(disclosures) : result;
        } catch (RuntimeException e) {
            return reject(RejectionReason.SCHEMA_VIOLATION, "could not be read: " + Excerpt.line(e.toString()));
        }
    }

    /**
     * @param sdJwt whether it came as an SD-JWT; null for a stored envelope reread without disclosures,
     *     which is an SD-JWT's issuer-signed JWT when its payload has {@code _sd_alg}
     * @param disclosures to be put in place before the payload rules are checked
     */
    private VerificationResult checkPayload(byte[] raw, Jws jws, String deviceId, Boolean sdJwt, List<String> disclosures) {
        int invalid = Utf8.firstInvalidByte(jws.payload());
        if (invalid >= 0) {
            return reject(RejectionReason.MALFORMED_JSON, "payload is not valid UTF-8 at byte " + invalid);
        }
        // Readings in one pass; anything it does not accept, the tree below decides and words.
        if (readingsReader != null && sdJwt != Boolean.TRUE) {
            VerifiedEnvelope readings = readingsReader.read(raw, jws, deviceId);
            if (readings != null) {
                return readings;
            }
        }
        JsonNode payload;
        try {
            payload = payloadMapper.readTree(jws.payload());
        } catch (StreamConstraintsException e) {
            return reject(RejectionReason.SCHEMA_VIOLATION, "payload exceeds a limit: "
                    + Excerpt.line(e.getOriginalMessage().replaceFirst(",? from `[^`]*`", "")));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            return reject(RejectionReason.MALFORMED_JSON, "payload is not valid JSON" + at + ": " + Excerpt.line(e.getOriginalMessage()));
        } catch (IOException e) {
            return reject(RejectionReason.MALFORMED_JSON, "payload is not valid JSON: " + Excerpt.line(e.getMessage()));
        }
        if (payload == null || payload.isMissingNode()) {
            return reject(RejectionReason.MALFORMED_JSON, "payload is empty");
        }
        boolean sdPayload = sdJwt == null ? payload.has("_sd_alg") : sdJwt;
        if (sdPayload && !payload.isObject()) {
            return reject(RejectionReason.SCHEMA_VIOLATION, "payload must be a JSON object, not " + JsonChecks.describe(payload));
        }
        if (sdPayload && payload.isObject()) {
            if (payload.has("readings")) {
                return reject(RejectionReason.SCHEMA_VIOLATION, "readings are sent as a plain JWS, not an SD-JWT");
            }
            try {
                payload = SdJwtVerifier.process((ObjectNode) payload, disclosures).payload();
            } catch (SdJwtException e) {
                return reject(reason(e), e.getMessage());
            }
        }
        String unstorable = StrictJson.unstorableText(payload);
        if (unstorable != null) {
            RejectionReason reason = unstorable.endsWith(StrictJson.NOT_UNICODE) ? RejectionReason.MALFORMED_JSON : RejectionReason.SCHEMA_VIOLATION;
            return reject(reason, (unstorable.startsWith(":") ? "payload" : "") + unstorable);
        }
        return PayloadValidator.validate(raw, jws, deviceId, payload, limits.maxReadings());
    }

    private static Rejection reject(RejectionReason reason, String message) {
        return new Rejection(reason, message);
    }

    /**
     * A bug of ours met by odd input: reject (the raw bytes are kept) rather than leave the message
     * unacknowledged forever. Input a device may send is never meant to come here: each wrong value has
     * its own precise rejection (ReadingsPayloadReaderTest fails on these words).
     */
    private static Rejection unexpected(RejectionReason reason, RuntimeException e) {
        UNEXPECTED.failed(reason, e);
        return reject(reason, "could not be checked: " + Excerpt.line(e.toString()));
    }
}
