package org.prooftrail.store;

import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.store.replicas.CaughtUpReads;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.UnaryOperator;
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
    private volatile UnaryOperator<Connection> lease = UnaryOperator.identity();

    /** How the server plans the statements of a pool's connections. */
    public enum PlanCache {
        /**
         * The server's default ({@code plan_cache_mode = auto}): a statement the driver has prepared
         * on the server (after five runs) may switch to a cached generic plan. Right for writers:
         * an insert's plan does not depend on its parameters.
         */
        SERVER_DEFAULT,
        /**
         * Every run is planned for its own parameters and the tables' present size
         * ({@code plan_cache_mode = force_custom_plan}). For the lookup reads: with the default, a
         * cached generic plan made while the envelope table was small kept hashing the whole table
         * after it had grown (a lookup went from 20 ms to over 400 ms at 45,000 envelopes, measured by
         * the growth benchmark; planned per run, one lookup stays at 14-23 ms from 1M to 10M readings,
         * see docs/benchmarks.md, "Growth"). Planning each time costs well under a millisecond here.
         * It replaces setting pgjdbc's prepareThreshold to 0 for each lookup, which had the same effect
         * by never naming a statement on the server (an unnamed statement is planned afresh on every
         * run); under this mode a named statement is planned for its parameters on every run as well,
         * and is parsed only once.
         */
        FORCE_CUSTOM_PLAN,
        /**
         * Every statement keeps one generic plan per connection once the driver has named it
         * ({@code plan_cache_mode = force_generic_plan}), so it is planned once instead of on every run.
         * Only for statements whose plan is fixed by how they are written, every access an index probe
         * per key whatever the tables' size (the consumer lookup's three, see store.journey's
         * CodeIdentity, JourneyEvents and CustodyReadings): the journey's events took 1.3-2.4 ms to plan
         * and 0.7 ms to run on the lookup benchmark's population, so planning was most of a lookup's
         * database time. PostgreSQL plans a cached statement again when the tables' statistics change
         * (ANALYZE) or their definition does (a new reading partition). Until then a plan made while a
         * table was nearly empty may read it whole (a probe: a 1-row table's generic plan kept its
         * sequential scan after 200,000 rows were added, and took the index after ANALYZE); autovacuum
         * analyses a table within about a minute (its naptime) once a tenth of it has changed, so a fresh
         * deployment's first minute or so of growth is when this can bite.
         */
        FORCE_GENERIC_PLAN
    }

    private final Database leasedLike;
    /** Where connections come from: the pool, or the pool through {@link CaughtUpReads}. */
    private final DataSource reads;
    /** False for a view that shares another's pool: closing it leaves the pool open. */
    private final boolean ownsPool;

    private Database(DatabaseSettings settings, HikariDataSource pool, Database leasedLike) {
        this(settings, pool, leasedLike, pool, true);
    }

    private Database(DatabaseSettings settings, HikariDataSource pool, Database leasedLike, DataSource reads,
                     boolean ownsPool) {
        this.settings = settings;
        this.pool = pool;
        this.leasedLike = leasedLike;
        this.reads = reads;
        this.ownsPool = ownsPool;
    }

    /**
     * This pool (a streaming replica's) seen through {@link CaughtUpReads}: each connection has replayed
     * what {@code primary} had written when it was asked for, or is one of {@code primary}'s after
     * {@code wait}. For reads that must include everything committed before the request. Closing the view
     * leaves both pools open.
     */
    public Database caughtUpWith(Database primary, java.time.Duration wait) {
        return new Database(settings, pool, this, new CaughtUpReads(pool, primary.dataSource(), wait), false);
    }

    /** How many of this view's reads went to the primary (see {@link #caughtUpWith}); 0 for a plain pool. */
    public long readsOnPrimary() {
        return reads instanceof CaughtUpReads c ? c.readOnPrimary() : 0;
    }

    /**
     * Another pool on the same database, {@code size} connections planned by {@code planCache}, whose
     * connections are handed out through this one's wrapper ({@link #wrapConnections}), so that what
     * counts this pool's statements counts the other's too. The caller closes it.
     */
    public Database sibling(String poolName, PlanCache planCache, int size) {
        Database other = open(settings.withPoolSize(size), poolName, planCache);
        return new Database(other.settings, other.pool, this);
    }

    /** The pool {@code pt-db} with the server's default planning. */
    public static Database open(DatabaseSettings settings) {
        return open(settings, "pt-db", PlanCache.SERVER_DEFAULT);
    }

    /**
     * @param poolName  names the pool's threads and metrics, e.g. {@code pt-db-api}
     * @param planCache how the server plans this pool's statements
     */
    public static Database open(DatabaseSettings settings, String poolName, PlanCache planCache) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(settings.url());
        cfg.setUsername(settings.user());
        cfg.setPassword(settings.password());
        cfg.setMaximumPoolSize(settings.poolSize());
        cfg.setMinimumIdle(1);
        cfg.setPoolName(poolName);
        if (planCache != PlanCache.SERVER_DEFAULT) {
            // run once on each new connection; Hikari does not reset session settings on return
            cfg.setConnectionInitSql("SET plan_cache_mode = " + planCache.name().toLowerCase(java.util.Locale.ROOT));
        }
        // Fail fast when the database is down: ingest must notice and stop acknowledging, not hang.
        cfg.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        cfg.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // Start even when PostgreSQL is not up yet; readiness reports it until it is.
        cfg.setInitializationFailTimeout(-1);
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        return new Database(settings, new HikariDataSource(cfg), null);
    }

    public DataSource dataSource() {
        return reads;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public Connection connection() throws SQLException {
        return (leasedLike != null ? leasedLike.lease : lease).apply(reads.getConnection());
    }

    /**
     * Hands out every further connection through {@code wrapper} (a test counting the statements a
     * request sends, for one); closing the wrapped connection must close the one it wraps.
     */
    public void wrapConnections(UnaryOperator<Connection> wrapper) {
        this.lease = wrapper;
    }

    /**
     * Applies pending migrations (after accepting the record of migrations rewritten since they ran, see
     * {@link RewrittenMigrations}), keeps reading partitions ahead and says how readings are stored;
     * returns how many migrations were applied.
     */
    public int migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load();
        RewrittenMigrations.accept(flyway, pool);
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        ReadingPartitions.ensure(pool);
        logReadingStorage(result.migrationsExecuted > 0);
        return result.migrationsExecuted;
    }

    /** Says how readings are stored on a first start, and at every start when TimescaleDB was meant but is not used. */
    private void logReadingStorage(boolean migrated) {
        try {
            ReadingStorage storage = ReadingStorage.inspect(pool);
            storage.warning().ifPresentOrElse(LOG::warn, () -> {
                if (migrated) {
                    LOG.info(storage.describe());
                }
            });
        } catch (SQLException e) {
            LOG.warn("cannot tell how readings are stored: {}", e.getMessage());
        }
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
        if (ownsPool) {
            pool.close();
        }
    }
}
