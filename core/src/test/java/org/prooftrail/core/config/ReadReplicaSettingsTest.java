package org.prooftrail.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadReplicaSettingsTest {
    private static final DatabaseSettings PRIMARY = new DatabaseSettings("jdbc:postgresql://primary:5432/prooftrail",
            "pt", "secret", 8);

    @Test
    void notSetMeansEveryReadOnThePrimary() {
        assertTrue(ReadReplicaSettings.from(Settings.of(Map.of()), PRIMARY).isEmpty());
    }

    @Test
    void severalUrlsBecomeOneSpreadOverStandbysWithThePrimarysCredentials() {
        ReadReplicaSettings r = ReadReplicaSettings.from(Settings.of(Map.of(ReadReplicaSettings.URL,
                "jdbc:postgresql://r1:5432/prooftrail, jdbc:postgresql://r2:5433/prooftrail")), PRIMARY).orElseThrow();
        assertEquals("jdbc:postgresql://r1:5432,r2:5433/prooftrail?targetServerType=preferSecondary&loadBalanceHosts=true",
                r.settings().url());
        assertEquals("pt", r.settings().user());
        assertEquals("secret", r.settings().password());
        assertEquals(Duration.ofMillis(500), r.maxWait());
    }

    @Test
    void aMultiHostUrlKeepsWhatItSays() {
        ReadReplicaSettings r = ReadReplicaSettings.from(Settings.of(Map.of(ReadReplicaSettings.URL,
                "jdbc:postgresql://r1,r2/prooftrail?targetServerType=secondary", ReadReplicaSettings.USER, "reader",
                ReadReplicaSettings.WAIT, "2s")), PRIMARY).orElseThrow();
        assertEquals("jdbc:postgresql://r1,r2/prooftrail?targetServerType=secondary&loadBalanceHosts=true", r.settings().url());
        assertEquals("reader", r.settings().user());
        assertEquals(Duration.ofSeconds(2), r.maxWait());
    }

    @Test
    void replicasOfDifferentDatabasesAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ReadReplicaSettings.from(Settings.of(Map.of(
                ReadReplicaSettings.URL, "jdbc:postgresql://r1/a,jdbc:postgresql://r2/b")), PRIMARY));
        assertTrue(e.getMessage().contains(ReadReplicaSettings.URL), e.getMessage());
        assertThrows(ConfigException.class, () -> ReadReplicaSettings.from(Settings.of(Map.of(
                ReadReplicaSettings.URL, "postgres://r1/a")), PRIMARY));
    }
}
