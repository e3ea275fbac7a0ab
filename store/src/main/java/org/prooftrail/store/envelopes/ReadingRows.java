package org.prooftrail.store.envelopes;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Writes readings with COPY, the fastest way into PostgreSQL, inside the batch's transaction. The
 * rows are {@link RowDerivation}'s: typed columns for the common metrics, other metrics as JSON; times
 * and numbers are spelt by {@link CopyText}.
 */
final class ReadingRows {
    private static final String COPY = "COPY reading (time, device_id, envelope_id, temperature_c, humidity_pct, "
            + "latitude, longitude, extra) FROM STDIN (FORMAT csv)";

    private final StringBuilder csv = new StringBuilder(64 * 1024);
    private int rows;

    void add(List<ReadingRow> readings) {
        for (ReadingRow r : readings) {
            CopyText.appendTime(csv, r.time());
            csv.append(',').append(r.deviceId()).append(',').append(r.envelopeId()).append(',');
            number(r.temperatureC());
            number(r.humidityPct());
            number(r.latitude());
            number(r.longitude());
            if (r.extra() != null) {
                csv.append('"');
                for (int i = 0; i < r.extra().length(); i++) {
                    char c = r.extra().charAt(i);
                    csv.append(c);
                    if (c == '"') {
                        csv.append('"');
                    }
                }
                csv.append('"');
            }
            csv.append('\n');
            rows++;
        }
    }

    private void number(Double v) {
        if (v != null) {
            CopyText.appendNumber(csv, v);
        }
        csv.append(',');
    }

    int rows() {
        return rows;
    }

    void copy(Connection c) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of readings failed: " + e.getMessage(), "08000", e);
        }
    }
}
