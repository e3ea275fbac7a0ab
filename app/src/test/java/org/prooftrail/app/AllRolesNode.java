package org.prooftrail.app;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;

/**
 * One process with every role (ingest, anchor, API) on a fresh database and the test broker, as
 * {@code serve --role all} runs it: the set-up that scenario, load and benchmark tests share.
 */
final class AllRolesNode {
    static final String LOG_ORIGIN = "test.prooftrail.test/log";

    private AllRolesNode() {
    }

    /**
     * @param clientId MQTT client id and shared-subscription group of this node (unique per test)
     * @param extra    settings added to, or replacing, the defaults
     */
    static Node start(Path dir, String clientId, Map<String, String> extra) throws Exception {
        return start(TestServices.freshDatabase(), DemoLogKey.ensure(dir), clientId, extra);
    }

    /** On a given database (e.g. a benchmark's kept one) with a given log key, whose checkpoints it continues. */
    static Node start(DatabaseSettings db, Path logKey, String clientId, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PT_DB_URL", db.url());
        env.put("PT_DB_USER", db.user());
        env.put("PT_MQTT_URL", TestServices.mqttUrl());
        env.put("PT_MQTT_CLIENT_ID", clientId);
        env.put("PT_MQTT_SHARED_GROUP", clientId);
        env.put("PT_INGEST_SESSION_EXPIRY", "10m");
        env.put("PT_HTTP_PORT", "0");
        env.put("PT_HTTP_HOST", "127.0.0.1");
        env.put("PT_LOG_KEY_FILE", logKey.toString());
        env.put("PT_LOG_ORIGIN", LOG_ORIGIN);
        env.putAll(extra);
        return Node.start(Settings.of(env), EnumSet.of(Role.ALL));
    }
}
