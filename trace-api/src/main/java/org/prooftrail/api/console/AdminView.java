package org.prooftrail.api.console;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/**
 * The admin's area: organisations ({@code /v1/orgs}) and console accounts ({@code /v1/accounts}): create,
 * disable or enable, unlock, set a new password.
 */
final class AdminView implements ConsoleView {
    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav("/admin/organisations", "Organisations", "组织", ApiRole.ADMIN);
        routes.nav("/admin/accounts", "Accounts", "账户", ApiRole.ADMIN);
        routes.get("/admin/organisations", ConsoleRoutes.ADMIN, this::organisations);
        routes.post("/admin/organisations", ConsoleRoutes.ADMIN, this::createOrganisation);
        routes.get("/admin/accounts", ConsoleRoutes.ADMIN, this::accounts);
        routes.post("/admin/accounts", ConsoleRoutes.ADMIN, this::createAccount);
        routes.post("/admin/accounts/:username", ConsoleRoutes.ADMIN, this::changeAccount);
    }

    private void organisations(ConsoleRequest r) {
        r.get("/v1/orgs").onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            StringBuilder b = new StringBuilder("<div class=\"scroll\"><table><thead><tr><th>")
                    .append(r.t("Id", "编号")).append("</th><th>").append(r.t("Name", "名称")).append("</th><th>GLN</th><th>")
                    .append(r.t("Registered", "注册时间")).append("</th></tr></thead><tbody>");
            for (Object o : a.json().getJsonArray("organisations", new JsonArray())) {
                JsonObject org = (JsonObject) o;
                b.append("<tr><td>").append(Html.esc(org.getString("id"))).append("</td><td>").append(Html.esc(org.getString("name")))
                        .append("</td><td>").append(Html.esc(org.getString("gln", ""))).append("</td><td>")
                        .append(Html.esc(org.getString("createdAt", ""))).append("</td></tr>");
            }
            b.append("</tbody></table></div><h2>").append(r.t("Register an organisation", "注册组织")).append("</h2>")
                    .append("<form class=\"stack\" method=\"post\" action=\"/console/admin/organisations\">").append(r.csrfField())
                    .append(field("org-id", "id", r.t("Id (letters, digits, - and _)", "编号（字母、数字、- 和 _）"), "text", true))
                    .append(field("org-name", "name", r.t("Name", "名称"), "text", true))
                    .append(field("org-gln", "gln", r.t("GLN (13 digits, optional)", "GLN（13 位数字，可选）"), "text", false))
                    .append("<button type=\"submit\">").append(r.t("Register", "注册")).append("</button></form>");
            r.render(r.t("Organisations", "组织"), b.toString());
        }).onFailure(r::fail);
    }

    private void createOrganisation(ConsoleRequest r) {
        JsonObject body = new JsonObject().put("id", trimmed(r.form("id"))).put("name", trimmed(r.form("name")));
        String gln = trimmed(r.form("gln"));
        if (gln != null && !gln.isEmpty()) {
            body.put("gln", gln);
        }
        r.call(HttpMethod.POST, "/v1/orgs", body).onSuccess(a -> {
            if (a.ok()) {
                r.redirect("/admin/organisations", r.t("Registered ", "已注册 ") + body.getString("id"));
            } else {
                r.failed(a);
            }
        }).onFailure(r::fail);
    }

    private void accounts(ConsoleRequest r) {
        r.get("/v1/accounts").onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            r.get("/v1/orgs").onSuccess(orgs -> r.render(r.t("Accounts", "账户"), accountsPage(r, a, orgs)))
                    .onFailure(r::fail);
        }).onFailure(r::fail);
    }

    private String accountsPage(ConsoleRequest r, ApiAnswer accounts, ApiAnswer orgs) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table><thead><tr><th>")
                .append(r.t("Username", "用户名")).append("</th><th>").append(r.t("Name", "姓名")).append("</th><th>")
                .append(r.t("Role", "角色")).append("</th><th>").append(r.t("Organisation", "组织")).append("</th><th>")
                .append(r.t("State", "状态")).append("</th><th>").append(r.t("Last sign-in", "上次登录")).append("</th><th>")
                .append(r.t("Actions", "操作")).append("</th></tr></thead><tbody>");
        for (JsonObject acc : list(accounts, "accounts")) {
            String user = acc.getString("username");
            boolean disabled = acc.getBoolean("disabled", false);
            String locked = acc.getBoolean("locked", false) ? acc.getString("lockedUntil", "") : null;
            String action = "/console/admin/accounts/" + URLEncoder.encode(user, StandardCharsets.UTF_8);
            b.append("<tr><td>").append(Html.esc(user)).append("</td><td>").append(Html.esc(acc.getString("displayName", "")))
                    .append("</td><td>").append(Html.esc(acc.getString("role"))).append("</td><td>")
                    .append(Html.esc(acc.getString("org", ""))).append("</td><td>")
                    .append(disabled ? "<span class=\"bad\">" + r.t("disabled", "已停用") + "</span>"
                            : locked != null ? "<span class=\"bad\">" + r.t("locked until ", "锁定至 ") + Html.esc(locked) + "</span>"
                            : r.t("active", "正常"))
                    .append("</td><td>").append(Html.esc(acc.getString("lastSignIn", ""))).append("</td><td>")
                    .append("<form class=\"inline\" method=\"post\" action=\"").append(Html.esc(action)).append("\">")
                    .append(r.csrfField()).append("<input type=\"hidden\" name=\"disabled\" value=\"").append(!disabled).append("\">")
                    .append("<button class=\"secondary\" type=\"submit\">").append(disabled ? r.t("Enable", "启用") : r.t("Disable", "停用"))
                    .append("</button></form> ");
            if (locked != null) {
                b.append("<form class=\"inline\" method=\"post\" action=\"").append(Html.esc(action)).append("\">")
                        .append(r.csrfField()).append("<input type=\"hidden\" name=\"unlocked\" value=\"true\">")
                        .append("<button class=\"secondary\" type=\"submit\">").append(r.t("Unlock", "解锁")).append("</button></form> ");
            }
            if (acc.getBoolean("external", false)) {
                b.append("<span class=\"muted\">").append(r.t("signs in through the OpenID Connect provider",
                        "通过 OpenID Connect 身份提供方登录")).append("</span></td></tr>");
                continue;
            }
            String pwId = "pw-" + Integer.toHexString(user.hashCode());
            b.append("<form class=\"inline\" method=\"post\" action=\"").append(Html.esc(action)).append("\">").append(r.csrfField())
                    .append("<label for=\"").append(pwId).append("\" class=\"inline\">").append(r.t("New password", "新密码"))
                    .append("<input id=\"").append(pwId).append("\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"10\" required></label>")
                    .append("<button class=\"secondary\" type=\"submit\">").append(r.t("Set", "设置")).append("</button></form></td></tr>");
        }
        b.append("</tbody></table></div><h2>").append(r.t("Create an account", "创建账户")).append("</h2>")
                .append("<form class=\"stack\" method=\"post\" action=\"/console/admin/accounts\">").append(r.csrfField())
                .append(field("acc-username", "username", r.t("Username (3-64: a-z 0-9 . _ @ -)", "用户名（3-64 位：a-z 0-9 . _ @ -）"), "text", true))
                .append(field("acc-name", "displayName", r.t("Name", "姓名"), "text", true))
                .append("<label for=\"acc-role\">").append(r.t("Role", "角色")).append("<select id=\"acc-role\" name=\"role\">");
        for (ApiRole role : ApiRole.values()) {
            b.append("<option value=\"").append(role.claim()).append("\">").append(roleName(r, role)).append("</option>");
        }
        b.append("</select></label><label for=\"acc-org\">").append(r.t("Organisation (company accounts only)", "组织（仅企业账户）"))
                .append("<select id=\"acc-org\" name=\"org\"><option value=\"\">—</option>");
        for (JsonObject org : list(orgs, "organisations")) {
            b.append("<option value=\"").append(Html.esc(org.getString("id"))).append("\">").append(Html.esc(org.getString("id")))
                    .append(" · ").append(Html.esc(org.getString("name"))).append("</option>");
        }
        b.append("</select></label>")
                .append("<label for=\"acc-password\">").append(r.t("Password (at least 10 characters)", "密码（至少 10 个字符）"))
                .append("<input id=\"acc-password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"10\" required></label>")
                .append("<button type=\"submit\">").append(r.t("Create", "创建")).append("</button></form>");
        return b.toString();
    }

    private void createAccount(ConsoleRequest r) {
        JsonObject body = new JsonObject().put("username", trimmed(r.form("username")))
                .put("displayName", trimmed(r.form("displayName"))).put("role", r.form("role"))
                .put("password", r.form("password"));
        String org = trimmed(r.form("org"));
        if (org != null && !org.isEmpty()) {
            body.put("org", org);
        }
        r.call(HttpMethod.POST, "/v1/accounts", body).onSuccess(a -> {
            if (a.ok()) {
                r.redirect("/admin/accounts", r.t("Created account ", "已创建账户 ") + body.getString("username"));
            } else {
                r.failed(a);
            }
        }).onFailure(r::fail);
    }

    private void changeAccount(ConsoleRequest r) {
        String user = r.param("username");
        JsonObject body = new JsonObject();
        if (r.form("disabled") != null) {
            body.put("disabled", Boolean.parseBoolean(r.form("disabled")));
        }
        if ("true".equals(r.form("unlocked"))) {
            body.put("unlocked", true);
        }
        if (r.form("password") != null) {
            body.put("password", r.form("password"));
        }
        r.call(HttpMethod.PATCH, "/v1/accounts/" + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20"), body)
                .onSuccess(a -> {
                    if (a.ok()) {
                        r.redirect("/admin/accounts", r.t("Changed account ", "已修改账户 ") + user);
                    } else {
                        r.failed(a);
                    }
                }).onFailure(r::fail);
    }

    static String roleName(ConsoleRequest r, ApiRole role) {
        return switch (role) {
            case COMPANY -> r.t("company", "企业");
            case REGULATOR -> r.t("regulator", "监管");
            case ADMIN -> r.t("admin", "管理员");
        };
    }

    private static java.util.List<JsonObject> list(ApiAnswer a, String key) {
        java.util.List<JsonObject> out = new java.util.ArrayList<>();
        Object body = a.body().length() > 0 && a.body().getByte(0) == '[' ? a.jsonArray() : a.json().getValue(key);
        if (body instanceof JsonArray arr) {
            arr.forEach(o -> out.add((JsonObject) o));
        }
        return out;
    }

    private static String field(String id, String name, String label, String type, boolean required) {
        return "<label for=\"" + id + "\">" + Html.esc(label) + "<input id=\"" + id + "\" name=\"" + name + "\" type=\"" + type
                + "\"" + (required ? " required" : "") + "></label>";
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
