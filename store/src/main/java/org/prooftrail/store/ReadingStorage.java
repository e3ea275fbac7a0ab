package org.prooftrail.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the readings table is in this database, as migration V2 left it: a TimescaleDB hypertable
 * (compressed unless the build is Apache-licensed) or a table partitioned by month.
 *
 * @param timescaleOnServer the server offers the extension (pg_available_extensions)
 * @param timescaleVersion  the extension's version in this database, or null when not installed
 */
public record ReadingStorage(Kind kind, boolean compressed, boolean timescaleOnServer, String timescaleVersion) {

    public enum Kind { HYPERTABLE, MONTHLY_PARTITIONS }

    /** Reads the catalogues; needs no privilege beyond the application role's. */
    public static ReadingStorage inspect(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean onServer = exists(s, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
            String version = null;
            try (ResultSet rs = s.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
                if (rs.next()) {
                    version = rs.getString(1);
                }
            }
            if (exists(s, "SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass('reading')")) {
                return new ReadingStorage(Kind.MONTHLY_PARTITIONS, false, onServer, version);
            }
            if (version == null) {
                throw new SQLException("the reading table is neither partitioned nor a hypertable");
            }
            try (ResultSet rs = s.executeQuery("SELECT compression_enabled FROM timescaledb_information.hypertables "
                    + "WHERE hypertable_name = 'reading' AND hypertable_schema = current_schema()")) {
                if (!rs.next()) {
                    throw new SQLException("the reading table is neither partitioned nor a hypertable");
                }
                return new ReadingStorage(Kind.HYPERTABLE, rs.getBoolean(1), onServer, version);
            }
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    /**
     * Said at every start while it holds: the server has TimescaleDB but readings do not use it (the
     * migration could not create the extension or a hypertable), or the hypertable has no compression.
     */
    public Optional<String> warning() {
        if (kind == Kind.MONTHLY_PARTITIONS && timescaleOnServer) {
            return Optional.of("readings are a plain table partitioned by month, without compression, although this "
                    + "server has TimescaleDB (" + (timescaleVersion == null ? "not installed in this database"
                    : "version " + timescaleVersion + " installed in this database") + "): it was not usable when "
                    + "the schema was created (migration V2 warned why) and readings stay partitioned. For a "
                    + "hypertable, an administrator creates the extension in a new, empty database before the "
                    + "first start; see docs/deploy.md, \"Database roles\"");
        }
        if (kind == Kind.HYPERTABLE && !compressed) {
            return Optional.of("readings are a TimescaleDB " + timescaleVersion + " hypertable WITHOUT compression "
                    + "(an Apache-licensed build has none); they take several times the space");
        }
        return Optional.empty();
    }

    /** One line for the log. */
    public String describe() {
        return switch (kind) {
            case HYPERTABLE -> "readings are a TimescaleDB " + timescaleVersion + " hypertable"
                    + (compressed ? ", compressed after 7 days" : " without compression");
            case MONTHLY_PARTITIONS -> "readings are a table partitioned by month"
                    + (timescaleOnServer ? " (TimescaleDB not used)" : " (no TimescaleDB on this server)");
        };
    }
}
