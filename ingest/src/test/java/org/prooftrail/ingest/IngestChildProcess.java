package org.prooftrail.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.store.Database;

/**
 * The ingest role alone in a JVM of its own, configured by PT_* environment variables as in
 * production, so that a benchmark can measure its resident memory from outside. Stops when its
 * standard input closes.
 */
public final class IngestChildProcess {
    private IngestChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromEnvironment();
        Database db = Database.open(DatabaseSettings.from(s));
        IngestService ingest = IngestService.start(IngestSettings.from(s), MqttSettings.from(s, "pt-memory-bench"), db, new SimpleMeterRegistry());
        System.out.println("CHILD READY max heap " + Runtime.getRuntime().maxMemory());
        while (System.in.read() >= 0) {
            // until the parent closes our standard input
        }
        ingest.close();
        db.close();
    }
}
