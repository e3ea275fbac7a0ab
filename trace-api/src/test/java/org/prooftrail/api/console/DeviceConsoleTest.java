package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.store.registry.DeviceRegistry;

/**
 * The devices area over HTTP as a company user: only its own devices, another organisation's device
 * refused, and registering, rotating and revoking through the forms with the session's CSRF token.
 */
class DeviceConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static DeviceRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("ops@carrier-c", ApiRole.COMPANY, "carrier-c", PASSWORD);
        console.account("ops@farm-c", ApiRole.COMPANY, "farm-c", PASSWORD);
        console.account("inspector-c", ApiRole.REGULATOR, null, PASSWORD);
        registry = new DeviceRegistry(console.api().db().dataSource());
        registry.registerDevice("carrier-c", "truck-c1", "truck");
        registry.addKey("truck-c1", "truck-c1-k1", "EdDSA", pem(SignatureAlgorithm.EdDSA));
        registry.registerDevice("farm-c", "probe-f1", "sensor");
        registry.addKey("probe-f1", "probe-f1-k1", "EdDSA", pem(SignatureAlgorithm.EdDSA));
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String pem(SignatureAlgorithm alg) {
        return PublicKeys.toPem(SigningKey.generate(alg).verifyingKey());
    }

    @Test
    void aCompanySeesOnlyItsOwnDevicesAndIsRefusedAnotherOrganisations() throws Exception {
        ConsoleHarness.Client c = console.signIn("ops@carrier-c", PASSWORD);
        HttpResponse<Buffer> list = c.get("/console/devices?lang=en");
        assertEquals(200, list.statusCode(), list.bodyAsString());
        assertTrue(list.bodyAsString().contains("href=\"/console/devices/truck-c1\""), list.bodyAsString());
        assertFalse(list.bodyAsString().contains("probe-f1"), "another organisation's device is not listed");

        assertEquals(403, c.get("/console/devices/probe-f1").statusCode());
        assertEquals(403, c.get("/console/devices/probe-f1/gaps").statusCode());
        assertEquals(403, c.get("/console/devices/probe-f1/revoke").statusCode());
        assertEquals(404, c.get("/console/devices/no-such-device").statusCode());
        assertEquals(404, c.get("/console/devices/bad%20id").statusCode());
        HttpResponse<Buffer> revokeOther = c.post("/console/devices/probe-f1/revoke",
                MultiMap.caseInsensitiveMultiMap().add("reason", "not mine").add("confirm", "probe-f1"));
        assertEquals(403, revokeOther.statusCode());
        HttpResponse<Buffer> rotateOther = c.post("/console/devices/probe-f1/keys", MultiMap.caseInsensitiveMultiMap()
                .add("alg", "EdDSA").add("publicKeyPem", pem(SignatureAlgorithm.EdDSA)));
        assertEquals(403, rotateOther.statusCode());
        assertFalse(registry.findKey("probe-f1-k1").orElseThrow().revoked(), "another organisation's device is untouched");

        assertEquals(403, console.signIn("inspector-c", PASSWORD).get("/console/devices").statusCode(), "a company area");
    }

    @Test
    void registerRotateAndRevokeThroughTheForms() throws Exception {
        ConsoleHarness.Client c = console.signIn("ops@carrier-c", PASSWORD);
        assertEquals(200, c.get("/console/devices/new").statusCode());
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("id", "truck-c9").add("kind", "truck").add("alg", "ES256")
                .add("publicKeyPem", pem(SignatureAlgorithm.ES256)).add("readingsPublic", "true");
        assertEquals(403, c.postRaw("/console/devices/new", form).statusCode(), "no CSRF token, no device");
        assertTrue(registry.deviceOwner("truck-c9").isEmpty());

        HttpResponse<Buffer> registered = c.post("/console/devices/new", form);
        assertEquals(303, registered.statusCode(), registered.bodyAsString());
        assertEquals("/console/devices/truck-c9", registered.getHeader("location"));
        assertEquals("carrier-c", registry.deviceOwner("truck-c9").orElseThrow());
        HttpResponse<Buffer> page = c.get("/console/devices/truck-c9?lang=en");
        assertEquals(200, page.statusCode());
        assertTrue(page.bodyAsString().contains("Device truck-c9 registered."), "the flash message");
        assertTrue(page.bodyAsString().contains("in force"));

        HttpResponse<Buffer> again = c.post("/console/devices/new", form);
        assertEquals(409, again.statusCode(), "a taken id: the form again, saying why");
        assertTrue(again.bodyAsString().contains("already registered"), again.bodyAsString());
        assertTrue(again.bodyAsString().contains("value=\"truck-c9\""), "what was typed is kept");

        HttpResponse<Buffer> mismatch = c.post("/console/devices/truck-c9/keys", MultiMap.caseInsensitiveMultiMap()
                .add("alg", "SM2SM3").add("publicKeyPem", pem(SignatureAlgorithm.EdDSA)));
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.bodyAsString().contains("holds a EdDSA key but alg is SM2SM3"), mismatch.bodyAsString());
        assertFalse(registry.findKey("truck-c9").orElseThrow().revoked());

        assertEquals(403, c.postRaw("/console/devices/truck-c9/keys", MultiMap.caseInsensitiveMultiMap()
                .add("alg", "EdDSA").add("publicKeyPem", pem(SignatureAlgorithm.EdDSA))).statusCode(), "no CSRF token");
        HttpResponse<Buffer> rotated = c.post("/console/devices/truck-c9/keys", MultiMap.caseInsensitiveMultiMap()
                .add("alg", "EdDSA").add("kid", "truck-c9-k2").add("publicKeyPem", pem(SignatureAlgorithm.EdDSA)));
        assertEquals(303, rotated.statusCode(), rotated.bodyAsString());
        assertTrue(registry.findKey("truck-c9").orElseThrow().revoked(), "the first key (kid = device id) is revoked");
        assertFalse(registry.findKey("truck-c9-k2").orElseThrow().revoked());
        String keys = c.get("/console/devices/truck-c9?lang=en").bodyAsString();
        assertTrue(keys.indexOf("truck-c9-k2") < keys.indexOf("<code>truck-c9</code>"), "newest key first");

        assertEquals(200, c.get("/console/devices/truck-c9/revoke").statusCode(), "the confirm step");
        HttpResponse<Buffer> unconfirmed = c.post("/console/devices/truck-c9/revoke",
                MultiMap.caseInsensitiveMultiMap().add("reason", "sold"));
        assertEquals(400, unconfirmed.statusCode());
        assertFalse(registry.findKey("truck-c9-k2").orElseThrow().revoked(), "not confirmed: nothing revoked");
        assertEquals(403, c.postRaw("/console/devices/truck-c9/revoke", MultiMap.caseInsensitiveMultiMap()
                .add("reason", "sold").add("confirm", "truck-c9")).statusCode(), "no CSRF token");
        HttpResponse<Buffer> revoked = c.post("/console/devices/truck-c9/revoke",
                MultiMap.caseInsensitiveMultiMap().add("reason", "sold").add("confirm", "truck-c9"));
        assertEquals(303, revoked.statusCode(), revoked.bodyAsString());
        assertTrue(registry.findKey("truck-c9-k2").orElseThrow().revoked(), "revoked with its device");
        String after = c.get("/console/devices/truck-c9?lang=en").bodyAsString();
        assertTrue(after.contains("Device truck-c9 revoked."));
        assertFalse(after.contains("action=\"/console/devices/truck-c9/keys\""), "a revoked device offers no rotation");
    }

    @Test
    void thePagesSpeakChineseOrEnglish() throws Exception {
        ConsoleHarness.Client c = console.signIn("ops@carrier-c", PASSWORD);
        for (String path : new String[] {"/console/devices", "/console/devices/new", "/console/devices/truck-c1",
                "/console/devices/truck-c1/gaps", "/console/devices/truck-c1/revoke"}) {
            String zh = c.get(path + "?lang=zh").bodyAsString();
            assertTrue(zh.contains("lang=\"zh-CN\""), path);
            for (String english : new String[] {"Register", "Device", "Last seen", "Rotate", "Revoke", "Key id", "Stored",
                    "Reason", "none", "missing"}) {
                assertFalse(zh.replaceAll("<[^>]*>", " ").contains(english), path + " in Chinese shows '" + english + "'");
            }
            String en = c.get(path + "?lang=en").bodyAsString();
            // the language switch names Chinese in Chinese; nothing else may
            assertFalse(en.replaceAll("<[^>]*>", " ").replace("中文", "").matches("(?s).*[\\u4e00-\\u9fff].*"),
                    path + " in English shows Chinese");
        }
    }
}
