package org.prooftrail.api.console;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.page.Html;

/**
 * One device: its registration and figures, its keys' history, a form to rotate its key and a two-step
 * revocation (a page that says what cannot be undone, then the confirmed action). Another organisation's
 * device is refused by the API (403), an unknown one is a 404, as the API answers them.
 */
final class DevicePages {

    void mount(ConsoleRoutes routes) {
        routes.get("/devices/:id", ConsoleRoutes.COMPANY, r -> withDevice(r, d -> detail(r, d, null)));
        routes.post("/devices/:id/keys", ConsoleRoutes.COMPANY, this::rotate);
        routes.get("/devices/:id/revoke", ConsoleRoutes.COMPANY, r -> withDevice(r, d -> confirmRevoke(r, d, null)));
        routes.post("/devices/:id/revoke", ConsoleRoutes.COMPANY, this::revoke);
    }

    /** Fetches the device named by the path and hands it on; an impossible id is no device. */
    static void withDevice(ConsoleRequest r, java.util.function.Consumer<JsonObject> then) {
        String id = r.param("id");
        if (!DeviceText.validId(id)) {
            r.render(404, r.t("No such device", "没有此设备"), "<p class=\"problem\">" + Html.esc(r.t("No such device.", "没有此设备。")) + "</p>");
            return;
        }
        r.get("/v1/devices/" + id).onSuccess(a -> {
            if (a.ok()) {
                then.accept(a.json());
            } else {
                r.failed(a);
            }
        }).onFailure(r::fail);
    }

    private void detail(ConsoleRequest r, JsonObject d, ApiAnswer refused) {
        String id = d.getString("id");
        boolean revoked = d.getString("revokedAt") != null;
        StringBuilder b = new StringBuilder(8192);
        if (refused != null) {
            b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(refused.problem())).append("</p>");
        }
        b.append("<p><a href=\"/console/devices\">").append(Html.esc(r.t("All devices", "全部设备"))).append("</a></p>");
        if (revoked) {
            b.append("<p class=\"problem\">").append(Html.esc(r.t("Revoked on " + DeviceText.time(d.getString("revokedAt"))
                    + ": ingest refuses everything it sends.", "已于 " + DeviceText.time(d.getString("revokedAt")) + " 吊销：其发送的一切均被拒收。")))
                    .append("</p>");
        }
        JsonObject env = d.getJsonObject("envelopes");
        JsonObject rd = d.getJsonObject("readings");
        b.append("<dl class=\"device-facts\">");
        fact(b, r.t("Organisation", "组织"), Html.esc(d.getString("org")));
        fact(b, r.t("Kind", "类型"), Html.esc(d.getString("kind")));
        if (d.getString("description") != null) {
            fact(b, r.t("Description", "说明"), Html.esc(d.getString("description")));
        }
        if (d.getString("location") != null) {
            fact(b, r.t("Location", "位置"), "<code>" + Html.esc(d.getString("location")) + "</code>");
        }
        fact(b, r.t("Proofs of its readings", "读数证明"), Html.esc(d.getBoolean("readingsPublic", true)
                ? r.t("public", "公开") : r.t("for tokens only", "仅限持令牌者")));
        fact(b, r.t("Registered", "注册时间"), Html.esc(DeviceText.time(d.getString("registeredAt"))));
        fact(b, r.t("Last seen", "最近上报"), Html.esc(DeviceText.time(d.getString("lastSeen"))));
        fact(b, r.t("Envelopes per minute (15 min · 1 h)", "每分钟信封数（15 分钟 · 1 小时）"),
                Html.esc(DeviceText.perMinute(r, env, "last15Minutes", 15) + " · " + DeviceText.perMinute(r, env, "lastHour", 60)));
        fact(b, r.t("Readings per minute (15 min · 1 h)", "每分钟读数（15 分钟 · 1 小时）"),
                Html.esc(DeviceText.perMinute(r, rd, "last15Minutes", 15) + " · " + DeviceText.perMinute(r, rd, "lastHour", 60)));
        StringBuilder gaps = new StringBuilder();
        DeviceView.gaps(r, d, gaps);
        fact(b, r.t("Seq gaps", "序号缺口"), gaps.toString());
        StringBuilder rejections = new StringBuilder();
        DeviceView.rejections(r, d.getJsonObject("rejections"), rejections);
        fact(b, r.t("Rejections (24 h)", "拒收（24 小时）"), rejections.toString());
        b.append("</dl>");

        keys(r, d, b);
        if (!revoked) {
            b.append("<h2>").append(Html.esc(r.t("Rotate the key", "轮换密钥"))).append("</h2><p>").append(Html.esc(r.t(
                    "The new key is in force at once and every other key of the device is revoked: envelopes signed "
                            + "with an old key are refused within seconds. Load the new private key into the device first.",
                    "新密钥立即生效，设备的其他密钥全部吊销：用旧密钥签名的信封将在数秒内被拒收。请先将新私钥装入设备。")))
                    .append("</p><form class=\"stack\" method=\"post\" action=\"/console/devices/").append(Html.esc(id)).append("/keys\">")
                    .append(r.csrfField())
                    .append(DeviceText.algSelect(r, "rotate-alg", "EdDSA"))
                    .append(DeviceText.input("rotate-kid", "kid", r.t("New key id", "新密钥编号"),
                            r.t("optional; defaults to " + id + "-<UTC time>", "可选；默认为 " + id + "-<UTC 时间>"), null, false))
                    .append(DeviceText.pemArea(r, "rotate-pem", null))
                    .append("<button type=\"submit\">").append(Html.esc(r.t("Rotate key", "轮换密钥"))).append("</button></form>")
                    .append("<h2>").append(Html.esc(r.t("Revoke the device", "吊销设备"))).append("</h2><p><a class=\"button secondary\" href=\"/console/devices/")
                    .append(Html.esc(id)).append("/revoke\">").append(Html.esc(r.t("Revoke…", "吊销……"))).append("</a></p>");
        }
        r.render(refused == null ? 200 : refused.status(), r.t("Device ", "设备 ") + id, b.toString());
    }

    private static void fact(StringBuilder b, String name, String html) {
        b.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(html).append("</dd>");
    }

    private static void keys(ConsoleRequest r, JsonObject d, StringBuilder b) {
        b.append("<h2>").append(Html.esc(r.t("Keys", "密钥"))).append("</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">")
                .append(Html.esc(r.t("Key id", "密钥编号"))).append("</th><th scope=\"col\">").append(Html.esc(r.t("Algorithm", "算法")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Fingerprint (SHA-256 of the key)", "指纹（公钥 SHA-256）")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Added", "添加时间")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Status", "状态"))).append("</th></tr></thead><tbody>");
        boolean deviceRevoked = d.getString("revokedAt") != null;
        for (Object o : d.getJsonArray("keys")) {
            JsonObject k = (JsonObject) o;
            String revokedAt = k.getString("revokedAt");
            b.append("<tr><td><code>").append(Html.esc(k.getString("kid"))).append("</code></td><td>").append(Html.esc(k.getString("alg")))
                    .append("</td><td><code class=\"device-fingerprint\">").append(Html.esc(k.getString("fingerprint")))
                    .append("</code></td><td>").append(Html.esc(DeviceText.time(k.getString("createdAt")))).append("</td><td>");
            if (revokedAt != null) {
                b.append("<span class=\"bad\">").append(Html.esc(r.t("revoked ", "已吊销 ") + DeviceText.time(revokedAt))).append("</span>");
            } else if (deviceRevoked) {
                b.append("<span class=\"bad\">").append(Html.esc(r.t("revoked with the device", "随设备吊销"))).append("</span>");
            } else {
                b.append("<span class=\"good\">").append(Html.esc(r.t("in force", "有效"))).append("</span>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }

    private void rotate(ConsoleRequest r) {
        String id = r.param("id");
        if (!DeviceText.validId(id)) {
            r.render(404, r.t("No such device", "没有此设备"), "");
            return;
        }
        JsonObject body = new JsonObject().put("alg", r.form("alg"));
        String pem = r.form("publicKeyPem");
        body.put("publicKeyPem", pem == null ? "" : pem.strip() + "\n");
        String kid = r.form("kid");
        if (kid != null && !kid.isBlank()) {
            body.put("kid", kid.strip());
        }
        r.call(HttpMethod.POST, "/v1/devices/" + id + "/keys", body).onSuccess(a -> {
            if (a.ok()) {
                JsonObject done = a.json();
                r.redirect("/devices/" + id, r.t("Key " + done.getString("kid") + " is in force; revoked: "
                                + String.join(", ", done.getJsonArray("revokedKids").getList()) + ".",
                        "密钥 " + done.getString("kid") + " 已生效；已吊销：" + String.join("、", done.getJsonArray("revokedKids").getList()) + "。"));
            } else if (a.status() == 400 || a.status() == 409) {
                withDevice(r, d -> detail(r, d, a));
            } else {
                r.failed(a);
            }
        }).onFailure(r::fail);
    }

    private void confirmRevoke(ConsoleRequest r, JsonObject d, String problem) {
        String id = d.getString("id");
        StringBuilder b = new StringBuilder(2048);
        if (problem != null) {
            b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(problem)).append("</p>");
        }
        if (d.getString("revokedAt") != null) {
            b.append("<p>").append(Html.esc(r.t("This device is revoked already.", "此设备已被吊销。"))).append("</p>");
            r.render(r.t("Revoke device ", "吊销设备 ") + id, b.toString());
            return;
        }
        b.append("<p class=\"problem\">").append(Html.esc(r.t(
                "Revoking " + id + " cannot be undone: ingest will refuse everything it sends, with any key. "
                        + "What it sent before stays stored and provable. A replacement is registered under a new device id.",
                "吊销 " + id + " 无法撤销：无论使用何种密钥，其发送的一切都将被拒收。此前的数据仍保留且可证明。替换设备需以新的设备编号注册。")))
                .append("</p><form class=\"stack\" method=\"post\" action=\"/console/devices/").append(Html.esc(id)).append("/revoke\">")
                .append(r.csrfField())
                .append(DeviceText.input("revoke-reason", "reason", r.t("Reason", "原因"), r.t("kept in the log with your name",
                        "将与您的账户一起记录"), null, true))
                .append("<label for=\"revoke-confirm\"><span><input type=\"checkbox\" id=\"revoke-confirm\" name=\"confirm\" value=\"")
                .append(Html.esc(id)).append("\" required> ").append(Html.esc(r.t("I understand; revoke " + id, "我已了解，吊销 " + id)))
                .append("</span></label><p><button type=\"submit\" class=\"danger\">").append(Html.esc(r.t("Revoke device", "吊销设备")))
                .append("</button> <a href=\"/console/devices/").append(Html.esc(id)).append("\">").append(Html.esc(r.t("Cancel", "取消")))
                .append("</a></p></form>");
        r.render(problem == null ? 200 : 400, r.t("Revoke device ", "吊销设备 ") + id, b.toString());
    }

    private void revoke(ConsoleRequest r) {
        String id = r.param("id");
        if (!DeviceText.validId(id)) {
            r.render(404, r.t("No such device", "没有此设备"), "");
            return;
        }
        String reason = r.form("reason") == null ? "" : r.form("reason").strip();
        if (!id.equals(r.form("confirm")) || reason.isEmpty()) {
            String problem = r.t("Tick the box to confirm and give a reason.", "请勾选确认并填写原因。");
            withDevice(r, d -> confirmRevoke(r, d, problem));
            return;
        }
        r.call(HttpMethod.POST, "/v1/devices/" + id + "/revoke", new JsonObject().put("reason", reason)).onSuccess(a -> {
            if (a.ok()) {
                r.redirect("/devices/" + id, r.t("Device " + id + " revoked.", "设备 " + id + " 已吊销。"));
            } else {
                r.failed(a);
            }
        }).onFailure(r::fail);
    }
}
