package org.prooftrail.sim.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import org.prooftrail.sim.SimDevice;

/**
 * Makes the bad messages of a load run. Each fault reuses a seq the device already sent, so the
 * device's stream of good seqs keeps no gaps and ingest's gap counter stays meaningful.
 */
final class FaultInjector {
    private final Map<Fault, Double> probabilities;
    private final int oversizeBytes;
    private final AtomicLongArray injected = new AtomicLongArray(Fault.values().length);

    FaultInjector(Map<Fault, Double> probabilities, int oversizeBytes) {
        this.probabilities = new EnumMap<>(Fault.class);
        this.probabilities.putAll(probabilities);
        this.oversizeBytes = oversizeBytes;
    }

    /** Which fault, if any, to send after a good envelope. */
    Optional<Fault> draw(SplittableRandom random) {
        for (Map.Entry<Fault, Double> e : probabilities.entrySet()) {
            if (random.nextDouble() < e.getValue()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The bad payload. {@code storedSeq} is a seq of this device that ingest has already stored (the
     * caller waits for its acknowledgement first), so a replay is a replay and not a first arrival.
     */
    byte[] make(Fault fault, SimDevice device, long storedSeq, Instant now) {
        injected.incrementAndGet(fault.ordinal());
        return switch (fault) {
            case BAD_SIGNATURE -> corruptSignature(device.readingsWithSeq(storedSeq, now, 5.0));
            case REPLAY -> device.readingsWithSeq(storedSeq, now, 99.5); // same seq, other content
            case MALFORMED_JSON -> device.signRaw(("{\"dev\": \"" + device.id() + "\", \"seq\": " + storedSeq)
                    .getBytes(StandardCharsets.UTF_8));
            case OVERSIZED -> new byte[oversizeBytes];
            case CLOCK_SKEW -> device.readingsWithSeq(storedSeq, now.plus(Duration.ofHours(6)), 5.0);
        };
    }

    Map<Fault, Long> injected() {
        Map<Fault, Long> out = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            out.put(f, injected.get(f.ordinal()));
        }
        return out;
    }

    private static byte[] corruptSignature(byte[] jws) {
        // Change one character in the middle of the signature: still base64url, no longer valid.
        int i = jws.length - 10;
        jws[i] = (byte) (jws[i] == 'A' ? 'B' : 'A');
        return jws;
    }
}
