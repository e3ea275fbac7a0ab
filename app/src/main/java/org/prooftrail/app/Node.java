package org.prooftrail.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.anchor.AnchorService;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.anchor.LogIdentity;
import org.prooftrail.anchor.ledger.Ledgers;
import org.prooftrail.api.ApiVerticle;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.ReadPools;
import org.prooftrail.core.config.ReadReplicaSettings;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.ops.DatabaseCheck;
import org.prooftrail.ops.LogCheck;
import org.prooftrail.ops.NodeMetrics;
import org.prooftrail.ops.OpsServer;
import org.prooftrail.ops.ReadinessCheck;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.ingest.IngestService;
import org.prooftrail.ingest.IngestSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ProofTrail process: validated settings, the database (migrated), a Vert.x instance and the
 * roles asked for. Every node serves health and metrics over HTTP so that Kubernetes can probe it:
 * the API's server when the API role runs here, {@link OpsServer} otherwise. Readiness checks only
 * what the roles here use: the broker matters to ingest, not to the API.
 * Closing stops the roles first, then the pool, so in-flight work can finish.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final Vertx vertx;
    private final Database database;
    private final Database apiDatabase;
    private final Database readDatabase;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final int httpPort;

    private Node(Vertx vertx, Database database, Database apiDatabase, Database readDatabase, int httpPort) {
        this.vertx = vertx;
        this.database = database;
        this.apiDatabase = apiDatabase;
        this.readDatabase = readDatabase;
        this.httpPort = httpPort;
    }

    /** Reads and validates every setting the roles need before starting anything. */
    public static Node start(Settings settings, Set<Role> roles) throws Exception {
        EnumSet<Role> wanted = EnumSet.noneOf(Role.class);
        roles.forEach(r -> {
            if (r == Role.ALL) {
                wanted.addAll(EnumSet.of(Role.INGEST, Role.ANCHOR, Role.API));
            } else {
                wanted.add(r);
            }
        });
        DatabaseSettings dbSettings = DatabaseSettings.from(settings);
        // Ingest's persistent session is found again by its client id, so the default must not change
        // across restarts: the host name (a pod name in Kubernetes, a StatefulSet's is stable).
        // Only ingest talks to the broker: an API or anchor node needs no MQTT settings at all.
        MqttSettings mqtt = wanted.contains(Role.INGEST) ? MqttSettings.from(settings, "prooftrail-" + hostName()) : null;
        IngestSettings ingestSettings = wanted.contains(Role.INGEST) ? IngestSettings.from(settings) : null;
        AnchorSettings anchorSettings = wanted.contains(Role.ANCHOR) ? AnchorSettings.from(settings) : null;
        ApiSettings api = ApiSettings.from(settings, 8080);
        AuthSettings authSettings = AuthSettings.from(settings);

        PrometheusMeterRegistry metrics = NodeMetrics.create();

        // Separate pools: a burst of API work waits for the API's own connections (one per API worker
        // thread) and never for the ones ingest commits on. API reads are planned per run (PlanCache);
        // the resolver's lookups open a pool of their own with generic plans (ResolverRoutes).
        Database apiDatabase = wanted.contains(Role.API)
                ? Database.open(dbSettings.withPoolSize(api.workerThreads()), "pt-db-api", Database.PlanCache.FORCE_CUSTOM_PLAN)
                : null;
        // Streaming replicas (PT_DB_READ_URL) carry the API's lookups, proofs, queries and traces; the
        // API's own pool stays on the primary for every write (see ApiContext.reads()).
        Optional<ReadReplicaSettings> replicas = wanted.contains(Role.API)
                ? ReadReplicaSettings.from(settings, dbSettings) : Optional.empty();
        Database readDatabase = null;
        ReadPools reads = apiDatabase == null ? null : ReadPools.primaryOnly(apiDatabase);
        if (replicas.isPresent()) {
            ReadReplicaSettings r = replicas.get();
            readDatabase = Database.open(r.settings().withPoolSize(api.workerThreads()), "pt-db-api-read",
                    Database.PlanCache.FORCE_CUSTOM_PLAN);
            reads = new ReadPools(readDatabase, readDatabase.caughtUpWith(apiDatabase, r.maxWait()), true);
            LOG.info("API reads on streaming replicas {} (waiting at most {} for them where a read must be current)",
                    r.settings().displayUrl(), r.maxWait());
            FunctionCounter.builder("pt_db_reads_on_primary", reads.caughtUp(), Database::readsOnPrimary)
                    .description("reads meant for a replica that went to the primary: no replica had replayed what "
                            + "the primary had when they were asked within PT_DB_READ_WAIT").register(metrics);
        }
        boolean writes = wanted.contains(Role.INGEST) || wanted.contains(Role.ANCHOR);
        Database database = writes ? Database.open(dbSettings) : apiDatabase;
        database.migrate();
        Vertx vertx = NodeMetrics.vertx(metrics);
        List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(new DatabaseCheck(database));
        if (apiDatabase != null) {
            checks.add(new LogCheck(apiDatabase));
        }
        if (readDatabase != null) {
            checks.add(new DatabaseCheck(readDatabase, "read replicas"));
        }

        List<AutoCloseable> started = new ArrayList<>();
        try {
            if (ingestSettings != null) {
                IngestService ingest = IngestService.start(ingestSettings, mqtt.withClientId(mqtt.clientId() + "-ingest"),
                        database, metrics);
                started.add(ingest);
                checks.add(ingest);
                checks.add(ingest.lossCheck());
            }
            if (anchorSettings != null) {
                AnchorService anchor = new AnchorService(anchorSettings, dbSettings,
                        Ledgers.create(anchorSettings.ledger(), settings), metrics).start();
                started.add(anchor);
                checks.add(anchor);
            }
            List<ApiFeature> features = wanted.contains(Role.API)
                    ? ApiFeatures.all(new ApiContext(apiDatabase, settings, authSettings, LogIdentity.publicKey(settings),
                            settings.string(AnchorSettings.HASH, "sha256"), metrics, reads))
                    : List.of();
            int port;
            if (wanted.contains(Role.API)) {
                ApiVerticle verticle = new ApiVerticle(api, metrics, checks, authSettings, features);
                vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
                port = verticle.actualPort();
            } else {
                OpsServer ops = new OpsServer(api.host(), api.port(), metrics, checks);
                vertx.deployVerticle(ops).await(30, TimeUnit.SECONDS);
                port = ops.actualPort();
            }
            Node node = new Node(vertx, database, apiDatabase, readDatabase, port);
            node.resources.addAll(started);
            return node;
        } catch (Exception e) {
            for (AutoCloseable r : started) {
                r.close();
            }
            vertx.close();
            database.close();
            if (apiDatabase != null && apiDatabase != database) {
                apiDatabase.close();
            }
            if (readDatabase != null) {
                readDatabase.close();
            }
            throw e;
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "localhost";
            }
        }
        return h.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    public int httpPort() {
        return httpPort;
    }

    public Database database() {
        return database;
    }

    /** Roles first (ingest drains, commits and acknowledges), then HTTP, then the pool. */
    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping HTTP: {}", e.getMessage());
        }
        database.close();
        if (apiDatabase != null && apiDatabase != database) {
            apiDatabase.close();
        }
        if (readDatabase != null) {
            readDatabase.close();
        }
    }
}
