package org.prooftrail.api.console;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/**
 * EPCIS upload for a company: a document from a file or pasted, sent to {@code POST /epcis/capture};
 * the capture job's page ({@link EpcisJobPage}) follows it, and the organisation's recent jobs are listed.
 */
final class EpcisUploadView implements ConsoleView {
    static final String PATH = "/epcis";
    /** Recent jobs on the upload page. */
    private static final int RECENT = 20;

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav(PATH, "EPCIS upload", "EPCIS 上传", ApiRole.COMPANY);
        routes.get(PATH, ConsoleRoutes.COMPANY, r -> page(r, 200, null));
        routes.post(PATH, ConsoleRoutes.COMPANY, r -> document(r).onSuccess(doc -> upload(r, doc)).onFailure(r::fail));
        routes.get(PATH + "/jobs/:id", ConsoleRoutes.COMPANY, r ->
                r.get("/epcis/capture/" + URLEncoder.encode(r.param("id"), StandardCharsets.UTF_8)).onSuccess(a -> {
                    if (!a.ok()) {
                        r.failed(a);
                    } else {
                        EpcisJobPage.render(r, a.json());
                    }
                }).onFailure(r::fail));
    }

    /** The uploaded file when one was chosen, else the pasted text; null when neither was given. */
    private static Future<Buffer> document(ConsoleRequest r) {
        for (FileUpload f : r.ctx().fileUploads()) {
            if (f.name().equals("document") && f.size() > 0) {
                return r.ctx().vertx().fileSystem().readFile(f.uploadedFileName());
            }
        }
        String text = r.form("text");
        return Future.succeededFuture(text == null || text.isBlank() ? null : Buffer.buffer(text, "UTF-8"));
    }

    private static void upload(ConsoleRequest r, Buffer doc) {
        if (doc == null) {
            page(r, 400, r.t("Choose a file or paste a document first.", "请先选择文件或粘贴文档。"));
            return;
        }
        String behaviour = "rollback".equals(r.form("behaviour")) ? "rollback" : "proceed";
        r.call(HttpMethod.POST, "/epcis/capture", "application/ld+json", doc, "application/json",
                Map.of("GS1-Capture-Error-Behaviour", behaviour)).onSuccess(a -> {
            if (a.status() == 202) {
                r.redirect(PATH + "/jobs/" + URLEncoder.encode(a.json().getString("captureID"), StandardCharsets.UTF_8),
                        r.t("Document received; its events are being stored.", "文档已接收，正在保存其中的事件。"));
            } else {
                page(r, a.status() >= 400 && a.status() < 600 ? a.status() : 502, a.problem());
            }
        }).onFailure(r::fail);
    }

    /** The upload form, with why the last upload was refused when it was, and the recent jobs. */
    private static void page(ConsoleRequest r, int status, String problem) {
        r.get("/epcis/capture?perPage=" + RECENT).onSuccess(a -> {
            StringBuilder b = new StringBuilder();
            if (problem != null) {
                b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(r.t("Not accepted: ", "未被接受："))).append(Html.esc(problem))
                        .append("</p>");
            }
            b.append("<p>").append(Html.esc(r.t(
                    "Send an EPCIS 2.0 document (JSON-LD). Each event is checked; the job page shows which were stored and why others were refused.",
                    "上传 EPCIS 2.0 文档（JSON-LD）。系统逐一检查每个事件；任务页面显示哪些事件已保存、其余事件被拒绝的原因。")))
                    .append("</p><form class=\"stack\" method=\"post\" action=\"/console").append(PATH)
                    .append("\" enctype=\"multipart/form-data\">").append(r.csrfField())
                    .append("<label for=\"epcis-file\">").append(Html.esc(r.t("Document file", "文档文件")))
                    .append("<input id=\"epcis-file\" name=\"document\" type=\"file\" accept=\".json,.jsonld,application/json,application/ld+json\"></label>")
                    .append("<label for=\"epcis-text\">").append(Html.esc(r.t("Or paste the document", "或粘贴文档内容")))
                    .append("<span class=\"hint\">").append(Html.esc(r.t("Used when no file is chosen.", "未选择文件时使用。")))
                    .append("</span><textarea id=\"epcis-text\" name=\"text\" rows=\"8\" spellcheck=\"false\"></textarea></label>")
                    .append("<label for=\"epcis-behaviour\">").append(Html.esc(r.t("When an event is invalid", "事件无效时")))
                    .append("<select id=\"epcis-behaviour\" name=\"behaviour\"><option value=\"proceed\">")
                    .append(Html.esc(r.t("store the valid events, refuse the others", "保存有效事件，拒绝其余事件")))
                    .append("</option><option value=\"rollback\">").append(Html.esc(r.t("refuse the whole document", "拒绝整个文档")))
                    .append("</option></select></label><div><button type=\"submit\">").append(Html.esc(r.t("Upload", "上传")))
                    .append("</button></div></form><h2>").append(Html.esc(r.t("Recent capture jobs", "最近的采集任务"))).append("</h2>");
            if (!a.ok()) {
                b.append("<p class=\"problem\">").append(Html.esc(a.problem())).append("</p>");
            } else {
                jobs(r, a.jsonArray(), b);
            }
            r.render(status, r.t("EPCIS upload", "EPCIS 上传"), b.toString());
        }).onFailure(r::fail);
    }

    private static void jobs(ConsoleRequest r, JsonArray list, StringBuilder b) {
        if (list.isEmpty()) {
            b.append("<p class=\"muted\">").append(Html.esc(r.t("No documents uploaded yet.", "尚未上传文档。"))).append("</p>");
            return;
        }
        b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">").append(Html.esc(r.t("Uploaded", "上传时间")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Job", "任务")))
                .append("</th><th scope=\"col\" class=\"num\">").append(Html.esc(r.t("Events", "事件数")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("State", "状态"))).append("</th></tr></thead><tbody>");
        for (Object o : list) {
            JsonObject j = (JsonObject) o;
            String id = j.getString("captureID");
            b.append("<tr><td>").append(Html.esc(EpcisJobPage.time(j.getString("createdAt")))).append("</td><td><a href=\"/console")
                    .append(PATH).append("/jobs/").append(Html.esc(URLEncoder.encode(id, StandardCharsets.UTF_8))).append("\">")
                    .append(Html.esc(id)).append("</a></td><td class=\"num\">").append(j.getInteger("eventCount", 0))
                    .append("</td><td>").append(EpcisJobPage.state(r, j)).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }
}
