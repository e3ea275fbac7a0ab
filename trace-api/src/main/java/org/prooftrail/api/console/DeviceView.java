package org.prooftrail.api.console;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/**
 * The company's devices: a table of every device with its key, when it was last heard from, envelopes and
 * readings per minute, the last day's rejections by reason and its missing seqs; registering a new one.
 * One device's page, its key rotation and revocation are {@link DevicePages}; its gaps {@link DeviceGapsPage}.
 * Everything comes from the API (listDevices, registerDevice, ...), as the signed-in company.
 */
final class DeviceView implements ConsoleView {
    static final int PAGE = 100;

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav("/devices", "Devices", "设备", ApiRole.COMPANY);
        routes.get("/devices", ConsoleRoutes.COMPANY, this::list);
        routes.get("/devices/new", ConsoleRoutes.COMPANY, r -> registerForm(r, new JsonObject(), null));
        routes.post("/devices/new", ConsoleRoutes.COMPANY, this::register);
        new DevicePages().mount(routes);
        new DeviceGapsPage().mount(routes);
    }

    private void list(ConsoleRequest r) {
        String after = r.param("after");
        String path = "/v1/orgs/" + r.user().org() + "/devices?limit=" + PAGE
                + (DeviceText.validId(after) ? "&after=" + after : "");
        r.get(path).onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            JsonObject page = a.json();
            JsonArray devices = page.getJsonArray("devices");
            StringBuilder b = new StringBuilder(8192);
            b.append("<p><a class=\"button\" href=\"/console/devices/new\">").append(Html.esc(r.t("Register a device", "注册设备")))
                    .append("</a></p>");
            if (devices.isEmpty()) {
                b.append("<p class=\"muted\">").append(Html.esc(r.t("No devices registered yet.", "尚未注册任何设备。"))).append("</p>");
            } else {
                table(r, devices, b);
            }
            if (page.getString("nextAfter") != null) {
                b.append("<p><a href=\"/console/devices?after=").append(Html.esc(page.getString("nextAfter"))).append("\">")
                        .append(Html.esc(r.t("Next devices", "下一页"))).append("</a></p>");
            }
            b.append("<p class=\"muted\">").append(Html.esc(r.t(
                    "Envelopes: received per minute; readings: measured per minute; over the last 15 minutes and the last hour. "
                            + "Rejections: messages refused in the device's name over the last 24 hours. "
                            + "Missing: envelopes of the current seq stream that never arrived.",
                    "信封：每分钟接收数；读数：每分钟测量数；分别为最近 15 分钟和最近 1 小时。"
                            + "拒收：最近 24 小时内以该设备名义发送而被拒绝的消息。缺失：当前序号流中未到达的信封数。"))).append("</p>");
            r.render(r.t("Devices", "设备"), b.toString());
        }).onFailure(r::fail);
    }

    private static void table(ConsoleRequest r, JsonArray devices, StringBuilder b) {
        b.append("<div class=\"scroll\"><table class=\"devices\"><thead><tr><th scope=\"col\">").append(Html.esc(r.t("Device", "设备")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Key", "密钥")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Registered", "注册时间")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Last seen", "最近上报")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Envelopes 15 min · 1 h", "信封 15 分钟 · 1 小时")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Readings 15 min · 1 h", "读数 15 分钟 · 1 小时")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Rejections (24 h)", "拒收（24 小时）")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Seq gaps", "序号缺口")))
                .append("</th></tr></thead><tbody>");
        for (Object o : devices) {
            JsonObject d = (JsonObject) o;
            String id = d.getString("id");
            String href = "/console/devices/" + id;
            b.append("<tr><td><a href=\"").append(Html.esc(href)).append("\">").append(Html.esc(id)).append("</a><br><span class=\"muted\">")
                    .append(Html.esc(d.getString("kind"))).append("</span>");
            if (d.getString("revokedAt") != null) {
                b.append(" <span class=\"bad\">").append(Html.esc(r.t("revoked", "已吊销"))).append("</span>");
            }
            JsonObject key = DeviceText.currentKey(d);
            b.append("</td><td>");
            if (key == null) {
                b.append("<span class=\"bad\">").append(Html.esc(r.t("no key in force", "无有效密钥"))).append("</span>");
            } else {
                b.append(Html.esc(key.getString("alg"))).append("<br><code title=\"").append(Html.esc(key.getString("fingerprint")))
                        .append("\">").append(Html.esc(DeviceText.shortFingerprint(key.getString("fingerprint")))).append("</code>");
            }
            JsonObject env = d.getJsonObject("envelopes");
            JsonObject rd = d.getJsonObject("readings");
            b.append("</td><td>").append(Html.esc(DeviceText.time(d.getString("registeredAt"))))
                    .append("</td><td>").append(Html.esc(DeviceText.time(d.getString("lastSeen"))))
                    .append("</td><td class=\"num\">").append(Html.esc(DeviceText.perMinute(r, env, "last15Minutes", 15)))
                    .append(" · ").append(Html.esc(DeviceText.perMinute(r, env, "lastHour", 60)))
                    .append("</td><td class=\"num\">").append(Html.esc(DeviceText.perMinute(r, rd, "last15Minutes", 15)))
                    .append(" · ").append(Html.esc(DeviceText.perMinute(r, rd, "lastHour", 60)))
                    .append("</td><td>");
            rejections(r, d.getJsonObject("rejections"), b);
            b.append("</td><td>");
            gaps(r, d, b);
            b.append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }

    /** "none", else each reason with its count, most frequent first. */
    static void rejections(ConsoleRequest r, JsonObject rejections, StringBuilder b) {
        JsonObject byReason = rejections == null ? new JsonObject() : rejections.getJsonObject("byReason", new JsonObject());
        if (byReason.isEmpty()) {
            b.append("<span class=\"muted\">").append(Html.esc(r.t("none", "无"))).append("</span>");
            return;
        }
        b.append("<ul class=\"device-reasons\">");
        byReason.getMap().entrySet().stream()
                .sorted((x, y) -> Long.compare(((Number) y.getValue()).longValue(), ((Number) x.getValue()).longValue()))
                .forEach(e -> b.append("<li><span class=\"bad\">").append(((Number) e.getValue()).longValue()).append("</span> ")
                        .append("<abbr title=\"").append(Html.esc(e.getKey())).append("\">")
                        .append(Html.esc(DeviceText.reason(r, e.getKey()))).append("</abbr></li>"));
        b.append("</ul>");
    }

    /** Missing envelopes of the current stream and alerts raised, with a link to the gaps page. */
    static void gaps(ConsoleRequest r, JsonObject d, StringBuilder b) {
        JsonObject s = d.getJsonObject("stream", new JsonObject());
        Long m = s.getLong("missing");
        long missing = m == null ? 0 : m;
        long alerts = d.getLong("gapAlerts", 0L);
        b.append("<a href=\"/console/devices/").append(Html.esc(d.getString("id"))).append("/gaps\">");
        if (missing == 0 && alerts == 0) {
            b.append(Html.esc(r.t("none missing", "无缺失")));
        } else {
            b.append("<span class=\"bad\">").append(Html.esc(r.t(missing + " missing", "缺失 " + missing))).append("</span>");
        }
        b.append("</a>");
        if (alerts > 0) {
            b.append("<br><span class=\"muted\">").append(Html.esc(r.t(alerts + " alerted", "已告警 " + alerts))).append("</span>");
        }
    }

    private void registerForm(ConsoleRequest r, JsonObject values, ApiAnswer refused) {
        StringBuilder b = new StringBuilder(4096);
        if (refused != null) {
            b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(refused.problem())).append("</p>");
        }
        b.append("<p>").append(Html.esc(r.t(
                "The device signs its envelopes with the private key that belongs to this public key; "
                        + "it publishes to pt/v1/" + r.user().org() + "/<device id>/readings or /events.",
                "设备使用与此公钥对应的私钥为信封签名，并发布到 pt/v1/" + r.user().org() + "/<设备编号>/readings 或 /events。")))
                .append("</p><form class=\"stack\" method=\"post\" action=\"/console/devices/new\">").append(r.csrfField())
                .append(DeviceText.input("device-id", "id", r.t("Device id", "设备编号"),
                        r.t("letters, digits, . _ - (at most 64)", "字母、数字和 . _ -（最多 64 个）"), values.getString("id"), true))
                .append(DeviceText.input("device-kind", "kind", r.t("Kind", "类型"), r.t("sensor, gateway, truck…", "传感器、网关、货车……"),
                        values.getString("kind", "sensor"), false))
                .append(DeviceText.input("device-description", "description", r.t("Description", "说明"), null,
                        values.getString("description"), false))
                .append(DeviceText.input("device-location", "location", r.t("Location (EPCIS URI)", "位置（EPCIS URI）"),
                        "urn:epc:id:sgln:…", values.getString("location"), false))
                .append(DeviceText.algSelect(r, "device-alg", values.getString("alg", "EdDSA")))
                .append(DeviceText.input("device-kid", "kid", r.t("Key id", "密钥编号"), r.t("optional; defaults to the device id",
                        "可选；默认与设备编号相同"), values.getString("kid"), false))
                .append(DeviceText.pemArea(r, "device-pem", values.getString("publicKeyPem")))
                .append("<label for=\"device-public\"><span><input type=\"checkbox\" id=\"device-public\" name=\"readingsPublic\" value=\"true\"")
                .append(values.getBoolean("readingsPublic", true) ? " checked" : "").append("> ")
                .append(Html.esc(r.t("Anyone may fetch the proofs of its readings", "任何人都可获取其读数的证明"))).append("</span></label>")
                .append("<button type=\"submit\">").append(Html.esc(r.t("Register", "注册"))).append("</button></form>");
        r.render(refused == null ? 200 : refused.status(), r.t("Register a device", "注册设备"), b.toString());
    }

    private void register(ConsoleRequest r) {
        JsonObject body = new JsonObject();
        for (String field : new String[] {"id", "kind", "description", "location", "alg", "kid", "publicKeyPem"}) {
            String v = r.form(field);
            if (v != null && !v.isBlank()) {
                body.put(field, field.equals("publicKeyPem") ? v.strip() + "\n" : v.strip());
            }
        }
        body.put("readingsPublic", "true".equals(r.form("readingsPublic")));
        r.call(HttpMethod.POST, "/v1/orgs/" + r.user().org() + "/devices", body).onSuccess(a -> {
            if (a.ok()) {
                String id = a.json().getString("id");
                r.redirect("/devices/" + id, r.t("Device " + id + " registered.", "设备 " + id + " 已注册。"));
            } else {
                registerForm(r, body, a);
            }
        }).onFailure(r::fail);
    }
}
