package org.prooftrail.api.console;

import java.util.Set;
import org.prooftrail.api.auth.ApiRole;

/**
 * The log's health for regulators and admins ({@code /console/log}): the newest checkpoint and its age,
 * each witness's last cosignature, the last audit; and a button that runs an audit through
 * {@code GET /v1/audit} (the API keeps its result, so the page shows it after the redirect).
 */
final class LogHealthView implements ConsoleView {
    static final Set<ApiRole> ROLES = Set.of(ApiRole.REGULATOR, ApiRole.ADMIN);

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav("/log", "Log health", "日志健康", ApiRole.REGULATOR, ApiRole.ADMIN);
        routes.get("/log", ROLES, r -> r.get("/v1/log/health").onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            r.render(r.t("Log health", "日志健康"), LogHealthPage.body(r, a.json()));
        }).onFailure(r::fail));
        routes.post("/log/audit", ROLES, r -> {
            boolean full = "true".equals(r.form("full"));
            r.get("/v1/audit?checkpoints=10&full=" + full).onSuccess(a -> {
                if (a.status() == 429) {
                    r.redirect("/log", r.t("A full audit is already running; try again when it has finished.",
                            "已有完整审计在运行，请稍后再试。"));
                } else if (!a.ok()) {
                    r.failed(a);
                } else {
                    boolean passed = a.json().getBoolean("passed", false);
                    r.redirect("/log", passed ? r.t("The audit passed.", "审计通过。")
                            : r.t("The audit found problems: see the last audit below.", "审计发现问题，详见下方最近一次审计。"));
                }
            }).onFailure(r::fail);
        });
    }
}
