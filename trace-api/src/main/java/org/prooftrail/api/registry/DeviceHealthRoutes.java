package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.store.registry.DeviceHealth;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * {@code GET /v1/orgs/{org}/devices} and {@code GET /v1/devices/{device}}: devices with their keys and
 * health, for their company, regulators and admins. The owner is checked before the figures are counted,
 * so a refused caller costs one indexed lookup.
 */
final class DeviceHealthRoutes {
    static final int DEFAULT_PAGE = 100;

    private final DeviceRegistry registry;
    private final DeviceHealth health;
    private final Organisations orgs;

    DeviceHealthRoutes(DeviceRegistry registry, DeviceHealth health, Organisations orgs) {
        this.registry = registry;
        this.health = health;
        this.orgs = orgs;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("listDevices").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN)).addHandler(ctx -> {
            String org = ctx.pathParam("org");
            if (!m.auth().checkRead(ctx, org)) {
                return;
            }
            // the contract has checked both parameters' form and range
            String after = ctx.queryParams().get("after");
            String rawLimit = ctx.queryParams().get("limit");
            int limit = rawLimit == null ? DEFAULT_PAGE : Integer.parseInt(rawLimit);
            BlockingReplies.json(workers, ctx, 200, () -> {
                if (!orgs.exists(org)) {
                    throw Refusal.notFound("no organisation '" + org + "'");
                }
                DeviceHealth.Page page = health.ofOrganisation(org, after, limit);
                JsonArray list = new JsonArray();
                page.devices().forEach(d -> list.add(DeviceJson.of(d)));
                JsonObject out = new JsonObject().put("org", org).put("devices", list);
                return page.more() ? out.put("nextAfter", page.devices().get(page.devices().size() - 1).id()) : out;
            });
        });
        m.operation("getDevice").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN)).addHandler(ctx -> {
            String device = ctx.pathParam("device");
            BlockingReplies.blocking(workers, () -> registry.deviceOwner(device).orElseThrow(() ->
                    Refusal.notFound("no device '" + device + "'"))).onSuccess(org -> {
                if (m.auth().checkRead(ctx, org)) {
                    BlockingReplies.json(workers, ctx, 200, () -> DeviceJson.of(health.of(device).orElseThrow(() ->
                            Refusal.notFound("no device '" + device + "'"))));
                }
            }).onFailure(e -> BlockingReplies.fail(ctx, e));
        });
    }
}
