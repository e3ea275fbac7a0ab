package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.store.envelopes.DeviceGaps;
import org.prooftrail.store.registry.DeviceRegistry;

/**
 * {@code GET /v1/devices/{device}/gaps}: the envelopes one device signed that never arrived, for the
 * device's company and regulators. An unknown device is a 404, another company's a 403; the owner is
 * checked before the gaps are computed, so a refused caller costs one indexed lookup.
 */
final class DeviceGapRoutes {
    static final int DEFAULT_PAGE = 100;

    private final DeviceRegistry registry;
    private final DeviceGaps gaps;

    DeviceGapRoutes(DeviceRegistry registry, DeviceGaps gaps) {
        this.registry = registry;
        this.gaps = gaps;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("getDeviceGaps").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(ctx -> {
            String device = ctx.pathParam("device");
            // the contract has checked both numbers' form and range
            String rawAfter = ctx.queryParams().get("afterSeq");
            String rawLimit = ctx.queryParams().get("limit");
            long after = rawAfter == null ? -1 : Long.parseLong(rawAfter);
            int limit = rawLimit == null ? DEFAULT_PAGE : Integer.parseInt(rawLimit);
            BlockingReplies.blocking(workers, () -> registry.deviceOwner(device).orElseThrow(() ->
                    Refusal.notFound("no device '" + device + "'"))).onSuccess(org -> {
                if (m.auth().checkRead(ctx, org)) {
                    BlockingReplies.json(workers, ctx, 200, () -> json(device, org, gaps.of(device, after, limit)));
                }
            }).onFailure(e -> BlockingReplies.fail(ctx, e));
        });
    }

    static JsonObject json(String device, String org, DeviceGaps.Found f) {
        JsonArray list = new JsonArray();
        for (DeviceGaps.Gap g : f.gaps()) {
            list.add(new JsonObject().put("fromSeq", g.fromSeq()).put("toSeq", g.toSeq()).put("missing", g.missing())
                    .put("after", g.after().toString()).put("before", g.before().toString()));
        }
        JsonObject o = new JsonObject().put("device", device).put("org", org).put("firstSeq", f.firstSeq())
                .put("maxSeq", f.maxSeq()).put("stored", f.stored()).put("gapCount", f.gapCount())
                .put("missing", f.missing()).put("gaps", list);
        if (f.more()) {
            o.put("nextAfterSeq", f.gaps().get(f.gaps().size() - 1).fromSeq());
        }
        return o;
    }
}
