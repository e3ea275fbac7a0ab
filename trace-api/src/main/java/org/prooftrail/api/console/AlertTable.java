package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/** The alerts of one kind as a table: when, what about, whose, and the kind's facts as the API gives them. */
final class AlertTable {
    private AlertTable() {
    }

    static void render(ConsoleRequest r, JsonArray alerts, StringBuilder b) {
        boolean regulator = r.user().role() == ApiRole.REGULATOR;
        b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">").append(Html.esc(r.t("Raised", "时间")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("About", "对象"))).append("</th>");
        if (regulator) {
            b.append("<th scope=\"col\">").append(Html.esc(r.t("Organisation", "组织"))).append("</th>");
        }
        b.append("<th scope=\"col\">").append(Html.esc(r.t("Details", "详情"))).append("</th></tr></thead><tbody>");
        for (Object o : alerts) {
            JsonObject a = (JsonObject) o;
            b.append("<tr><td>").append(Html.esc(EpcisJobPage.time(a.getString("raisedAt")))).append("</td><td>");
            String subject = a.getString("subject", "");
            if (subject.startsWith("/01/")) { // a pack's Digital Link path: its public page
                b.append("<a href=\"").append(Html.esc(subject)).append("\">").append(Html.esc(subject)).append("</a>");
            } else {
                b.append(Html.esc(subject));
            }
            b.append("</td>");
            if (regulator) {
                b.append("<td>").append(Html.esc(a.getString("org", ""))).append("</td>");
            }
            b.append("<td><dl class=\"alert-details\">");
            JsonObject details = a.getJsonObject("details", new JsonObject());
            for (String name : details.fieldNames()) {
                b.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(Html.esc(details.getValue(name))).append("</dd>");
            }
            b.append("</dl></td></tr>");
        }
        b.append("</tbody></table></div>");
    }
}
