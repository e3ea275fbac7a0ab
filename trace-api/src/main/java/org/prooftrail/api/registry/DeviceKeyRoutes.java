package org.prooftrail.api.registry;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.store.registry.DeviceHealth;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.RegistryConflict;

/**
 * {@code POST /v1/devices/{device}/keys} rotates a device's key (its company): the new key in, every
 * other one revoked, in one transaction, so there is never a moment with two keys in force or none.
 * {@code POST /v1/devices/{device}/revoke} revokes the whole device (its company or an admin). Ingest
 * learns of both through its poll of revocations, as for the operator command's.
 */
final class DeviceKeyRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceKeyRoutes.class);
    private static final DateTimeFormatter KID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final DeviceRegistry registry;
    private final DeviceHealth health;

    DeviceKeyRoutes(DeviceRegistry registry, DeviceHealth health) {
        this.registry = registry;
        this.health = health;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("rotateDeviceKey").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            String device = ctx.pathParam("device");
            JsonObject body = BlockingReplies.body(ctx);
            NewKey key;
            try {
                key = NewKey.of(device, body);
            } catch (Refusal e) {
                BlockingReplies.fail(ctx, e);
                return;
            }
            Principal p = BearerAuth.principal(ctx);
            owner(workers, device).onSuccess(org -> {
                if (m.auth().checkWrite(ctx, org)) {
                    BlockingReplies.json(workers, ctx, 201, () -> {
                        List<String> revoked = registry.rotateKey(device, key.kid(), key.alg().jwsName(), key.pem());
                        LOG.info("key of device {} rotated by {}:{} to {} ({}); revoked {}", device, p.role().claim(),
                                p.subject(), key.kid(), key.alg().jwsName(), revoked);
                        return new JsonObject().put("device", device).put("org", org).put("kid", key.kid())
                                .put("alg", key.alg().jwsName()).put("fingerprint", DeviceJson.fingerprint(key.pem()))
                                .put("revokedKids", new JsonArray(revoked));
                    });
                }
            }).onFailure(e -> BlockingReplies.fail(ctx, e));
        });
        m.operation("revokeDevice").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.ADMIN)).addHandler(ctx -> {
            String device = ctx.pathParam("device");
            String reason = BlockingReplies.body(ctx).getString("reason").strip();
            if (reason.isEmpty()) {
                BlockingReplies.fail(ctx, Refusal.badField("reason", "must say why the device is revoked"));
                return;
            }
            Principal p = BearerAuth.principal(ctx);
            owner(workers, device).onSuccess(org -> {
                // an admin may revoke any device, as the operator command may; a company only its own
                if (p.role() == ApiRole.ADMIN || m.auth().checkWrite(ctx, org)) {
                    BlockingReplies.json(workers, ctx, 200, () -> {
                        if (!registry.revokeDevice(device)) {
                            throw new RegistryConflict("device", "device '" + device + "' is revoked already");
                        }
                        LOG.info("device {} of {} revoked by {}:{}; reason: {}", device, org, p.role().claim(), p.subject(), reason);
                        DeviceHealth.Device d = health.of(device).orElseThrow();
                        return new JsonObject().put("device", device).put("org", org).put("revokedAt", d.revokedAt().toString());
                    });
                }
            }).onFailure(e -> BlockingReplies.fail(ctx, e));
        });
    }

    private Future<String> owner(WorkerExecutor workers, String device) {
        return BlockingReplies.blocking(workers, () -> registry.deviceOwner(device).orElseThrow(() ->
                Refusal.notFound("no device '" + device + "'")));
    }

    /** A checked new key: the PEM must hold a key of the stated algorithm, as at registration. */
    record NewKey(String kid, SignatureAlgorithm alg, String pem) {
        static NewKey of(String device, JsonObject body) {
            SignatureAlgorithm alg = SignatureAlgorithm.fromJwsName(body.getString("alg")).orElseThrow(() ->
                    Refusal.badField("alg", "must be one of EdDSA, ES256, SM2SM3"));
            VerifyingKey key;
            try {
                key = PublicKeys.fromPem(body.getString("publicKeyPem"));
            } catch (KeyFormatException | RuntimeException e) {
                throw Refusal.badField("publicKeyPem", "is not a PEM public key (-----BEGIN PUBLIC KEY-----): "
                        + e.getMessage());
            }
            if (key.algorithm() != alg) {
                throw Refusal.badField("publicKeyPem", "holds a " + key.algorithm().jwsName()
                        + " key but alg is " + alg.jwsName());
            }
            String kid = body.getString("kid", device + "-" + KID_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
            return new NewKey(kid, alg, PublicKeys.toPem(key));
        }
    }
}
