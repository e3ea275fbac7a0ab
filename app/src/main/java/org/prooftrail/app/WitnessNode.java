package org.prooftrail.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.prooftrail.anchor.witness.StateFile;
import org.prooftrail.anchor.witness.Witness;
import org.prooftrail.anchor.witness.WitnessServer;
import org.prooftrail.anchor.witness.WitnessSettings;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.ops.NodeMetrics;

/**
 * A witness process: its settings, its state file and its HTTP server, nothing of the log's own
 * services (no database, no broker), since a witness is run by someone who does not run the log.
 */
public final class WitnessNode implements AutoCloseable {
    private final Vertx vertx;
    private final Witness witness;
    private final int httpPort;

    private WitnessNode(Vertx vertx, Witness witness, int httpPort) {
        this.vertx = vertx;
        this.witness = witness;
        this.httpPort = httpPort;
    }

    public static WitnessNode start(Settings settings) {
        WitnessSettings ws = WitnessSettings.from(settings);
        ApiSettings http = ApiSettings.from(settings, 8080);
        Witness witness = new Witness(ws.id(), ws.key(), ws.logs(), StateFile.open(ws.stateFile()), Clock.systemUTC());
        PrometheusMeterRegistry metrics = NodeMetrics.create();
        Vertx vertx = NodeMetrics.vertx(metrics);
        WitnessServer server = new WitnessServer(witness, http.host(), http.port(), metrics, List.of());
        try {
            vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the witness could not listen on " + http.host() + ":" + http.port() + ": " + e.getMessage(), e);
        }
        return new WitnessNode(vertx, witness, server.actualPort());
    }

    public int httpPort() {
        return httpPort;
    }

    public Witness witness() {
        return witness;
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
