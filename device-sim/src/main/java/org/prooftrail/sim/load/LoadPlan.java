package org.prooftrail.sim.load;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prooftrail.core.crypto.SignatureAlgorithm;

/**
 * The knobs of a load run.
 *
 * @param org                  organisation the simulated devices belong to
 * @param devices              how many devices publish
 * @param readingsPerEnvelope  readings in each envelope
 * @param rate                 envelopes per second offered, across all devices (0: as fast as acknowledged)
 * @param duration             how long to publish
 * @param algorithms           relative weights of the signature algorithms among devices
 * @param excursionProbability chance that a reading is outside 2-8 °C
 * @param faults               chance per envelope of each injected fault (sent in addition to the good ones)
 * @param oversizeBytes        size of an OVERSIZED fault; above ingest's limit
 */
public record LoadPlan(String org, int devices, int readingsPerEnvelope, double rate, Duration duration,
                       Map<SignatureAlgorithm, Integer> algorithms, double excursionProbability,
                       Map<Fault, Double> faults, int oversizeBytes) {
    public LoadPlan {
        if (!org.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("organisation id: letters, digits, '.', '_' and '-', up to 40");
        }
        if (devices < 1 || devices > 100_000) {
            throw new IllegalArgumentException("devices must be 1 to 100000, not " + devices);
        }
        if (readingsPerEnvelope < 1 || readingsPerEnvelope > 10_000) {
            throw new IllegalArgumentException("readings per envelope must be 1 to 10000, not " + readingsPerEnvelope);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must not be negative");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (algorithms.isEmpty() || algorithms.values().stream().anyMatch(w -> w < 0)
                || algorithms.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("the algorithm mix needs at least one positive weight");
        }
        if (excursionProbability < 0 || excursionProbability > 1) {
            throw new IllegalArgumentException("excursion probability must be between 0 and 1");
        }
        if (faults.values().stream().anyMatch(p -> p < 0 || p > 1)) {
            throw new IllegalArgumentException("fault probabilities must be between 0 and 1");
        }
        algorithms = Map.copyOf(algorithms);
        faults = Map.copyOf(faults);
    }

    /** {@code EdDSA:2,ES256:1,SM2SM3:1}: weights per algorithm. */
    public static Map<SignatureAlgorithm, Integer> parseAlgorithms(String spec) {
        Map<SignatureAlgorithm, Integer> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            SignatureAlgorithm alg = SignatureAlgorithm.fromJwsName(kv[0].trim()).orElseThrow(() ->
                    new IllegalArgumentException("unknown algorithm '" + kv[0] + "'; use " + SignatureAlgorithm.names()));
            mix.put(alg, kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1);
        }
        return mix;
    }

    /** {@code bad-signature=0.01,replay=0.005}: probability per envelope of each fault. */
    public static Map<Fault, Double> parseFaults(String spec) {
        Map<Fault, Double> faults = new EnumMap<>(Fault.class);
        if (spec == null || spec.isBlank() || spec.equals("none")) {
            return faults;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            Fault f = Fault.fromCliName(kv[0].trim()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown fault '" + kv[0] + "'; use bad-signature, replay, malformed-json, oversized, clock-skew"));
            if (kv.length != 2) {
                throw new IllegalArgumentException("write a fault as name=probability, e.g. replay=0.01");
            }
            faults.put(f, Double.parseDouble(kv[1].trim()));
        }
        return faults;
    }
}
