package org.prooftrail.store.envelopes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.prooftrail.core.envelope.Reading;

/**
 * Writes readings with COPY, the fastest way into PostgreSQL, inside the batch's transaction.
 * Typed columns for the common metrics; other metrics go to the JSON column.
 */
final class ReadingRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COPY = "COPY reading (time, device_id, envelope_id, temperature_c, humidity_pct, "
            + "latitude, longitude, extra) FROM STDIN (FORMAT csv)";

    private final StringBuilder csv = new StringBuilder(64 * 1024);
    private int rows;

    void add(String deviceId, long envelopeId, List<Reading> readings) {
        for (Reading r : readings) {
            csv.append(r.t()).append(',').append(deviceId).append(',').append(envelopeId).append(',');
            number(r.temp());
            number(r.hum());
            number(r.lat());
            number(r.lon());
            if (!r.x().isEmpty()) {
                csv.append('"').append(json(r).replace("\"", "\"\"")).append('"');
            }
            csv.append('\n');
            rows++;
        }
    }

    private void number(Double v) {
        if (v != null) {
            csv.append(v.doubleValue());
        }
        csv.append(',');
    }

    private static String json(Reading r) {
        try {
            return JSON.writeValueAsString(r.x());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reading extras are plain JSON values", e);
        }
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
