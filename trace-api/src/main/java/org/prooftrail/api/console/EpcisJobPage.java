package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.page.Html;

/**
 * One capture job as its page shows it: its state, and each event's result (stored, or refused with
 * the API's reason). While the job runs the page reloads itself every two seconds, without script.
 */
final class EpcisJobPage {
    static final int REFRESH_SECONDS = 2;

    private EpcisJobPage() {
    }

    static void render(ConsoleRequest r, JsonObject job) {
        boolean running = job.getBoolean("running", false);
        StringBuilder b = new StringBuilder();
        if (running) {
            // Both, so any browser reloads: the header is honoured everywhere, the element is what the page says.
            r.ctx().response().putHeader("refresh", Integer.toString(REFRESH_SECONDS));
            b.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">");
        }
        b.append("<dl class=\"epcis-job\"><dt>").append(Html.esc(r.t("State", "状态"))).append("</dt><dd id=\"job-state\">")
                .append(state(r, job)).append("</dd><dt>").append(Html.esc(r.t("Uploaded", "上传时间"))).append("</dt><dd>")
                .append(Html.esc(time(job.getString("createdAt")))).append("</dd>");
        if (job.getString("finishedAt") != null) {
            b.append("<dt>").append(Html.esc(r.t("Finished", "完成时间"))).append("</dt><dd>")
                    .append(Html.esc(time(job.getString("finishedAt")))).append("</dd>");
        }
        b.append("<dt>").append(Html.esc(r.t("Events in the document", "文档中的事件"))).append("</dt><dd>")
                .append(job.getInteger("eventCount", 0)).append("</dd></dl>");
        if (running) {
            b.append("<p class=\"muted\" role=\"status\">").append(Html.esc(r.t(
                    "Storing the events; this page reloads until the job is done.", "正在保存事件；任务完成前本页会自动刷新。"))).append("</p>");
        }
        problems(r, job.getJsonArray("errors", new JsonArray()), b);
        events(r, job.getJsonArray("events", new JsonArray()), b);
        b.append("<p><a href=\"/console").append(EpcisUploadView.PATH).append("\">")
                .append(Html.esc(r.t("Upload another document", "上传其他文档"))).append("</a></p>");
        r.render(r.t("Capture job ", "采集任务 ") + job.getString("captureID"), b.toString());
    }

    /** The job's errors that are about the whole document (those about one event are in its row). */
    private static void problems(ConsoleRequest r, JsonArray errors, StringBuilder b) {
        for (Object o : errors) {
            if (o instanceof JsonObject e && !e.containsKey("eventIndex") && !e.containsKey("eventID")) {
                b.append("<p class=\"problem\">").append(Html.esc(e.getString("detail", e.getString("title", "")))).append("</p>");
            }
        }
        // A document refused whole because of stored eventIDs names them without an index.
        for (Object o : errors) {
            if (o instanceof JsonObject e && !e.containsKey("eventIndex") && e.containsKey("eventID")) {
                b.append("<p class=\"problem\">").append(Html.esc(e.getString("detail", ""))).append("</p>");
            }
        }
    }

    private static void events(ConsoleRequest r, JsonArray events, StringBuilder b) {
        if (events.isEmpty()) {
            return;
        }
        long accepted = events.stream().filter(e -> "accepted".equals(((JsonObject) e).getString("result"))).count();
        b.append("<h2>").append(Html.esc(r.t("Events", "事件"))).append("</h2><p id=\"event-summary\">")
                .append(Html.esc(r.t(accepted + " accepted, " + (events.size() - accepted) + " refused",
                        "已接受 " + accepted + " 个，已拒绝 " + (events.size() - accepted) + " 个")))
                .append("</p><div class=\"scroll\"><table id=\"events\"><thead><tr><th scope=\"col\" class=\"num\">#</th><th scope=\"col\">")
                .append(Html.esc(r.t("Result", "结果"))).append("</th><th scope=\"col\">eventID</th><th scope=\"col\">")
                .append(Html.esc(r.t("Type", "类型"))).append("</th><th scope=\"col\">").append(Html.esc(r.t("Event time", "事件时间")))
                .append("</th><th scope=\"col\">").append(Html.esc(r.t("Business step / reason", "业务步骤 / 原因"))).append("</th></tr></thead><tbody>");
        for (Object o : events) {
            JsonObject e = (JsonObject) o;
            boolean ok = "accepted".equals(e.getString("result"));
            b.append("<tr class=\"").append(ok ? "accepted" : "refused").append("\"><td class=\"num\">").append(e.getInteger("index", 0))
                    .append("</td><td class=\"").append(ok ? "good" : "bad").append("\">")
                    .append(Html.esc(ok ? r.t("accepted", "已接受") : r.t("refused", "已拒绝"))).append("</td><td>")
                    .append(Html.esc(e.getString("eventID", ""))).append("</td><td>").append(Html.esc(e.getString("type", "")))
                    .append("</td><td>").append(Html.esc(time(e.getString("eventTime")))).append("</td><td>")
                    .append(Html.esc(ok ? e.getString("bizStep", "") : e.getString("detail", ""))).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }

    /** The job's state in words, coloured. */
    static String state(ConsoleRequest r, JsonObject job) {
        if (job.getBoolean("running", false)) {
            return "<span>" + Html.esc(r.t("running", "进行中")) + "</span>";
        }
        if (job.getBoolean("success", false)) {
            return "<span class=\"good\">" + Html.esc(r.t("stored", "已保存")) + "</span>";
        }
        if (job.containsKey("chunk")) {
            return "<span class=\"bad\">" + Html.esc(r.t("partly stored: some events refused", "部分保存：部分事件被拒绝")) + "</span>";
        }
        return "<span class=\"bad\">" + Html.esc(r.t("refused: nothing stored", "已拒绝：未保存任何事件")) + "</span>";
    }

    /** An API time shown to the second, UTC. */
    static String time(String iso) {
        if (iso == null) {
            return "";
        }
        String t = iso.replace('T', ' ');
        int dot = t.indexOf('.');
        return (dot > 0 ? t.substring(0, dot) : t.replace("Z", "")) + " UTC";
    }
}
