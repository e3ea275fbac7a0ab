package org.prooftrail.store;

import org.prooftrail.core.config.DatabaseSettings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the schema. Callers run blocking JDBC on worker threads, never on an
 * event loop. Migrations are versioned SQL under {@code db/migration}, applied by Flyway at start.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final DatabaseSettings settings;

    private Database(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    public static Database open(DatabaseSettings settings) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(settings.url());
        cfg.setUsername(settings.user());
        cfg.setPassword(settings.password());
        cfg.setMaximumPoolSize(settings.poolSize());
        cfg.setMinimumIdle(1);
        cfg.setPoolName("pt-db");
        // Fail fast when the database is down: ingest must notice and stop acknowledging, not hang.
        cfg.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        cfg.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // Start even when PostgreSQL is not up yet; readiness reports it until it is.
        cfg.setInitializationFailTimeout(-1);
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        return new Database(settings, new HikariDataSource(cfg));
    }

    public DataSource dataSource() {
        return pool;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        ReadingPartitions.ensure(pool);
        return result.migrationsExecuted;
    }

    /** True when a query answers within the pool's timeouts; used by readiness checks. */
    public boolean ping() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                return rs.next();
            }
        } catch (SQLException e) {
            LOG.debug("database ping failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
