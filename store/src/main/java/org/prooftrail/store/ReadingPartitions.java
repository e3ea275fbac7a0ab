package org.prooftrail.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps monthly partitions of the readings table ahead of time when it is a plain partitioned table
 * (no TimescaleDB). A partition must exist before rows for its month arrive: once the default
 * partition holds rows of a month, that month's partition can no longer be attached.
 */
public final class ReadingPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingPartitions.class);

    private ReadingPartitions() {
    }

    public static void ensure(DataSource ds) {
        try (Connection c = ds.getConnection();
             CallableStatement st = c.prepareCall("SELECT pt_ensure_reading_partitions(now() - interval '1 month', 3)")) {
            st.execute();
        } catch (SQLException e) {
            LOG.warn("could not create reading partitions: {}", e.getMessage());
        }
    }
}
