package org.prooftrail.api.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.prooftrail.store.registry.DeviceHealth;

/** A device with its keys and health as the API answers it (listDevices, getDevice). */
final class DeviceJson {
    private DeviceJson() {
    }

    static JsonObject of(DeviceHealth.Device d) {
        JsonArray keys = new JsonArray();
        for (DeviceHealth.Key k : d.keys()) {
            keys.add(put(new JsonObject().put("kid", k.kid()).put("alg", k.alg()).put("fingerprint", fingerprint(k.publicKeyPem()))
                    .put("createdAt", k.createdAt().toString()), "revokedAt", k.revokedAt()));
        }
        DeviceHealth.Stream s = d.stream();
        JsonObject stream = new JsonObject().put("firstSeq", s.firstSeq()).put("maxSeq", s.maxSeq())
                .put("stored", s.stored()).put("missing", s.missing());
        JsonObject rejections = new JsonObject().put("window", "P1D");
        JsonObject byReason = new JsonObject();
        long total = 0;
        for (Map.Entry<String, Long> e : d.rejections().entrySet()) {
            byReason.put(e.getKey(), e.getValue());
            total += e.getValue();
        }
        rejections.put("total", total).put("byReason", byReason);
        put(rejections, "last", d.lastRejected());
        JsonObject o = new JsonObject().put("id", d.id()).put("org", d.org()).put("kind", d.kind());
        if (d.description() != null) {
            o.put("description", d.description());
        }
        if (d.location() != null) {
            o.put("location", d.location());
        }
        o.put("readingsPublic", d.readingsPublic()).put("registeredAt", d.registeredAt().toString());
        put(o, "revokedAt", d.revokedAt());
        o.put("keys", keys);
        put(o, "lastSeen", d.lastSeen());
        return o.put("stream", stream).put("gapAlerts", d.gapAlerts())
                .put("envelopes", rates(d.envelopes())).put("readings", rates(d.readings()))
                .put("rejections", rejections);
    }

    private static JsonObject rates(DeviceHealth.Rates r) {
        JsonObject o = new JsonObject().put("last15Minutes", r.last15Minutes()).put("lastHour", r.lastHour());
        return r.atLeast() ? o.put("atLeast", true) : o;
    }

    private static JsonObject put(JsonObject o, String name, Instant at) {
        return at == null ? o : o.put(name, at.toString());
    }

    /**
     * {@code sha256:<hex>} of the key's DER SubjectPublicKeyInfo: what {@code openssl pkey -pubin -outform DER
     * | sha256sum} prints for the PEM, so an installer can compare it with the device's own key.
     */
    static String fingerprint(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
