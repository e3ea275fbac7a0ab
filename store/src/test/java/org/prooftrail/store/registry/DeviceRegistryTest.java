package org.prooftrail.store.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/**
 * A device belongs to one organisation and a key id to one device and key, for good: re-registering the
 * same is accepted, anything else is a conflict; keys rotate and are revoked by timestamp.
 */
class DeviceRegistryTest {
    private static Database db;
    private static DeviceRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        registry = new DeviceRegistry(db.dataSource());
        Organisations orgs = new Organisations(db.dataSource());
        orgs.ensure("a", "A");
        orgs.ensure("b", "B");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static String pem() {
        return PublicKeys.toPem(SigningKey.generate(SignatureAlgorithm.EdDSA).verifyingKey());
    }

    @Test
    void reRegisteringTheSameDeviceAndKeyIsAcceptedAnythingElseIsAConflict() throws Exception {
        String pem = pem();
        registry.registerDevice("a", "probe-1", "sensor");
        registry.registerDevice("a", "probe-1", "sensor");
        registry.addKey("probe-1", "probe-1-k1", "EdDSA", pem);
        registry.addKey("probe-1", "probe-1-k1", "EdDSA", pem);
        assertEquals(Optional.of("a"), registry.deviceOwner("probe-1"));

        RegistryConflict owner = assertThrows(RegistryConflict.class, () -> registry.registerDevice("b", "probe-1", "sensor"));
        assertEquals("id", owner.field());
        assertEquals(Optional.of("a"), registry.deviceOwner("probe-1"));
        RegistryConflict otherKey = assertThrows(RegistryConflict.class,
                () -> registry.addKey("probe-1", "probe-1-k1", "EdDSA", pem()));
        assertEquals("kid", otherKey.field());
        assertEquals(pem, registry.findKey("probe-1-k1").orElseThrow().publicKeyPem());
        registry.registerDevice("a", "probe-2", "sensor");
        assertThrows(RegistryConflict.class, () -> registry.addKey("probe-2", "probe-1-k1", "EdDSA", pem));
        assertEquals("probe-1", registry.findKey("probe-1-k1").orElseThrow().deviceId());
    }

    @Test
    void createRefusesATakenKeyIdOrDeviceIdAndWritesNothingThen() throws Exception {
        registry.create(new DeviceRegistration("a", "truck-7", "truck", "reefer", "urn:epc:id:sgln:9506000.00001.7",
                "truck-7", "EdDSA", pem()));
        StoredKey key = registry.findKey("truck-7").orElseThrow();
        assertEquals(new StoredKey("truck-7", "truck-7", "a", "EdDSA", key.publicKeyPem(), false), key);

        RegistryConflict device = assertThrows(RegistryConflict.class, () -> registry.create(
                new DeviceRegistration("a", "truck-7", "truck", null, null, "other", "EdDSA", pem())));
        assertEquals("id", device.field());
        assertEquals("device 'truck-7' is already registered", device.getMessage());
        assertTrue(registry.findKey("other").isEmpty(), "the refused registration left no key");

        RegistryConflict kid = assertThrows(RegistryConflict.class, () -> registry.create(
                new DeviceRegistration("b", "t8", "sensor", null, null, "truck-7", "EdDSA", pem())));
        assertEquals("kid", kid.field());
        assertTrue(kid.getMessage().startsWith("key id 'truck-7' is already registered"), kid.getMessage());
        assertTrue(registry.deviceOwner("t8").isEmpty(), "the refused registration left no device");
    }

    @Test
    void readingsArePublicUnlessTheRegistrationSaysOtherwise() throws Exception {
        registry.create(new DeviceRegistration("a", "room-1", "sensor", null, null, "room-1", "EdDSA", pem()));
        registry.create(new DeviceRegistration("a", "room-2", "sensor", null, null, "room-2", "EdDSA", pem(), false));
        try (var c = db.connection(); var st = c.prepareStatement(
                "SELECT id, readings_public FROM device WHERE id IN ('room-1', 'room-2') ORDER BY id");
             var rs = st.executeQuery()) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(2), "room-1: public by default");
            assertTrue(rs.next());
            assertEquals(false, rs.getBoolean(2), "room-2: its owner said no");
        }
    }

    @Test
    void keysRotateAndRevocationIsATimestampOnTheKeyOrTheDevice() throws Exception {
        Instant before = registry.revokedSince(Instant.EPOCH).asOf();
        registry.registerDevice("b", "gw-1", "gateway");
        registry.addKey("gw-1", "gw-1-k1", "ES256", PublicKeys.toPem(SigningKey.generate(SignatureAlgorithm.ES256).verifyingKey()));
        registry.addKey("gw-1", "gw-1-k2", "EdDSA", pem());

        assertTrue(registry.revokeKey("gw-1-k1"));
        assertFalse(registry.revokeKey("gw-1-k1"), "a revoked key is revoked once");
        assertTrue(registry.findKey("gw-1-k1").orElseThrow().revoked());
        assertFalse(registry.findKey("gw-1-k2").orElseThrow().revoked(), "the rotated-in key still speaks for the device");
        DeviceRegistry.Revocations r = registry.revokedSince(before);
        assertEquals(java.util.List.of("gw-1-k1"), r.kids());

        assertTrue(registry.revokeDevice("gw-1"));
        assertFalse(registry.revokeDevice("gw-1"));
        assertTrue(registry.findKey("gw-1-k2").orElseThrow().revoked(), "revoking the device revokes all its keys");
        assertEquals(java.util.Set.of("gw-1-k1", "gw-1-k2"), new java.util.HashSet<>(registry.revokedSince(before).kids()));
        assertFalse(registry.revokeKey("no-such-kid"));
    }
}
