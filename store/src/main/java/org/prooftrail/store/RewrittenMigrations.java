package org.prooftrail.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrations rewritten after a release, and the checksum each had before. Flyway refuses to start when an
 * applied migration's file has changed; each of these was rewritten so that whatever its earlier version
 * did on a database is also what the new one would have done there, so the database's record of it is
 * brought up to date instead. Any other change to an applied migration still stops the start.
 */
final class RewrittenMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(RewrittenMigrations.class);

    /**
     * V2's first version read shared_preload_libraries, which an ordinary application role may not do, and
     * stopped there on a server with TimescaleDB; where it did run it made a hypertable when TimescaleDB was
     * loaded and nothing otherwise, as the new version does.
     */
    static final Map<String, Integer> EARLIER_CHECKSUMS = Map.of("2", -1171169433);

    private RewrittenMigrations() {
    }

    static void accept(Flyway flyway, DataSource ds) {
        String table = flyway.getConfiguration().getTable();
        for (MigrationInfo m : flyway.info().applied()) {
            if (m.getVersion() == null) {
                continue;
            }
            Integer earlier = EARLIER_CHECKSUMS.get(m.getVersion().getVersion());
            Integer now = m.getResolvedChecksum();
            if (earlier == null || now == null || !earlier.equals(m.getAppliedChecksum()) || earlier.equals(now)) {
                continue;
            }
            try (Connection c = ds.getConnection();
                 PreparedStatement st = c.prepareStatement("UPDATE \"" + table.replace("\"", "\"\"")
                         + "\" SET checksum = ? WHERE version = ? AND checksum = ?")) {
                st.setInt(1, now);
                st.setString(2, m.getVersion().getVersion());
                st.setInt(3, earlier);
                if (st.executeUpdate() > 0) {
                    LOG.info("migration V{} was rewritten after it ran here; its record now carries the new checksum",
                            m.getVersion());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot update the record of rewritten migration V" + m.getVersion()
                        + ": " + e.getMessage(), e);
            }
        }
    }
}
