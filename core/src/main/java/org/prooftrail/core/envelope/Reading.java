package org.prooftrail.core.envelope;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sensor sample. The common cold-chain metrics have their own fields; a field is null when the
 * device did not send it. Anything else a device measures goes in {@code x}.
 *
 * @param t when the sample was taken
 * @param temp temperature in degrees Celsius
 * @param hum relative humidity in percent, 0 to 100
 * @param lat latitude in degrees (WGS 84); present exactly when {@code lon} is
 * @param lon longitude in degrees (WGS 84)
 * @param x other metrics by name; each value is a {@link String}, {@link Boolean} or {@link Double}
 */
public record Reading(Instant t, Double temp, Double hum, Double lat, Double lon, Map<String, Object> x) {
    public Reading {
        Objects.requireNonNull(t);
        x = x == null || x.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(x));
    }
}
