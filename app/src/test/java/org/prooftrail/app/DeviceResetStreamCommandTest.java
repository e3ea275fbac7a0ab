package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.StreamReset;
import org.prooftrail.store.envelopes.StreamResets;
import org.prooftrail.store.testing.SigningDevice;

/** {@code prooftrail device reset-stream}, run as shipped against a real database: done, audited, refused. */
class DeviceResetStreamCommandTest {
    @TempDir
    Path dir;

    @Test
    void resetsAStreamAndTheAuditNamesTheOperatorAndReason() throws Exception {
        DatabaseSettings settings = TestServices.freshDatabase();
        try (Database db = Database.open(settings)) {
            db.migrate();
            SigningDevice probe = new SigningDevice("farm-c", "probe-9", 40).register(db.dataSource());
            new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000).write(LongStream.rangeClosed(40, 45)
                    .mapToObj(n -> probe.overMqtt(probe.readingsWithSeq(n, java.time.Instant.parse("2026-06-01T08:00:00Z")
                            .plusSeconds(n), 4.0))).toList());
            Map<String, String> env = new HashMap<>();
            env.put(DatabaseSettings.URL, settings.url());
            env.put(DatabaseSettings.USER, settings.user());
            if (settings.password() != null) {
                env.put(DatabaseSettings.PASSWORD, settings.password());
            }
            ShippedCommand.Result r = ShippedCommand.run(dir, env, "device", "reset-stream", "--device", "probe-9",
                    "--reason", "firmware reflashed");
            assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("previous stream: seq 40..45, 6 stored"), r.out());

            List<StreamReset> audit = new StreamResets(db.dataSource()).of("probe-9");
            assertEquals(1, audit.size());
            assertTrue(audit.get(0).resetBy().startsWith("cli:"), audit.get(0).resetBy());
            assertEquals("firmware reflashed", audit.get(0).reason());
            assertEquals(45L, audit.get(0).previousMaxSeq());

            ShippedCommand.Result unknown = ShippedCommand.run(dir, env, "device", "reset-stream", "--device", "no-such",
                    "--reason", "x");
            assertEquals(ExitCodes.FAILURE, unknown.exit(), unknown.out());
            assertTrue(unknown.err().contains("no device 'no-such'"), unknown.err());
        }
    }
}
