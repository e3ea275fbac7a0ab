package org.prooftrail.store.envelopes;

import java.time.Instant;

/**
 * One row of table {@code reading}, as ingest derives it from a readings envelope ({@link RowDerivation})
 * or as it is stored.
 *
 * @param extra the metrics without a column of their own, as JSON text; null when there are none
 */
public record ReadingRow(Instant time, String deviceId, long envelopeId, Double temperatureC, Double humidityPct,
                         Double latitude, Double longitude, String extra) {
}
