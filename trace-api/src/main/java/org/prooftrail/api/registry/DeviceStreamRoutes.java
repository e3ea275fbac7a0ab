package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.store.envelopes.StreamReset;
import org.prooftrail.store.envelopes.StreamResets;
import org.prooftrail.store.registry.DeviceRegistry;

/**
 * {@code POST /v1/devices/{device}/stream-reset}: restarts a device's seq stream, for the device's
 * company or an admin, with a reason that is audited with the caller and the old stream's state;
 * {@code GET /v1/devices/{device}/stream-resets} lists them (the company, regulators, admins). Nothing
 * stored changes: see {@link StreamResets}.
 */
final class DeviceStreamRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceStreamRoutes.class);

    private final DeviceRegistry registry;
    private final StreamResets resets;

    DeviceStreamRoutes(DeviceRegistry registry, StreamResets resets) {
        this.registry = registry;
        this.resets = resets;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("resetDeviceStream").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.ADMIN)).addHandler(ctx -> {
            String device = ctx.pathParam("device");
            String reason = BlockingReplies.body(ctx).getString("reason").strip();
            if (reason.isEmpty()) {
                BlockingReplies.fail(ctx, Refusal.badField("reason", "must say why the stream is reset"));
                return;
            }
            Principal p = BearerAuth.principal(ctx);
            owner(workers, device).onSuccess(org -> {
                // an admin may reset any device; a company only its own
                if (p.role() == ApiRole.ADMIN || m.auth().checkWrite(ctx, org)) {
                    BlockingReplies.json(workers, ctx, 200, () -> {
                        StreamReset r = resets.reset(device, p.role().claim() + ":" + p.subject(), reason);
                        LOG.info("stream of device {} reset by {} (reset {}): previous stream seq {}..{} with {} stored; reason: {}",
                                device, r.resetBy(), r.id(), r.previousFirstSeq(), r.previousMaxSeq(), r.previousStored(), reason);
                        return json(org, r);
                    });
                }
            }).onFailure(e -> BlockingReplies.fail(ctx, e));
        });
        m.operation("listDeviceStreamResets").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> {
                    String device = ctx.pathParam("device");
                    owner(workers, device).onSuccess(org -> {
                        if (m.auth().checkRead(ctx, org)) {
                            BlockingReplies.json(workers, ctx, 200, () -> {
                                JsonArray list = new JsonArray();
                                resets.of(device).forEach(r -> list.add(json(org, r)));
                                return new JsonObject().put("device", device).put("org", org).put("resets", list);
                            });
                        }
                    }).onFailure(e -> BlockingReplies.fail(ctx, e));
                });
    }

    private io.vertx.core.Future<String> owner(WorkerExecutor workers, String device) {
        return BlockingReplies.blocking(workers, () -> registry.deviceOwner(device).orElseThrow(() ->
                Refusal.notFound("no device '" + device + "'")));
    }

    static JsonObject json(String org, StreamReset r) {
        JsonObject previous = new JsonObject().put("firstSeq", r.previousFirstSeq()).put("maxSeq", r.previousMaxSeq())
                .put("stored", r.previousStored());
        return new JsonObject().put("id", r.id()).put("device", r.deviceId()).put("org", org)
                .put("resetAt", r.resetAt().toString()).put("resetBy", r.resetBy()).put("reason", r.reason())
                .put("previous", previous)
                // (device, seq) still names the old stream's envelopes: new seqs should start above them
                .put("nextSeqFrom", r.previousMaxSeq() == null ? 0 : r.previousMaxSeq() + 1);
    }
}
