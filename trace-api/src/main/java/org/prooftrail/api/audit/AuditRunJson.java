package org.prooftrail.api.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.prooftrail.store.log.AuditRuns;

/** An audit report as the run kept in the journal, and a kept run as the health answer shows it. */
final class AuditRunJson {
    private AuditRunJson() {
    }

    static AuditRuns.Run run(JsonObject report, String ranBy, Instant started, Instant ended) {
        JsonObject audit = report.getJsonObject("audit");
        JsonArray problems = new JsonArray();
        audit.getJsonArray("problems").forEach(problems::add);
        JsonArray consistency = report.getJsonArray("consistency", new JsonArray());
        for (Object o : consistency) {
            JsonObject p = (JsonObject) o;
            if (!p.getBoolean("verified", false)) {
                problems.add("checkpoints " + p.getLong("first") + " to " + p.getLong("second") + " are not consistent: " + p.getString("reason"));
            }
        }
        JsonObject derived = audit.getJsonObject("derivedRows");
        if (derived != null && !derived.getBoolean("passed", true)) {
            problems.add(derived.getInteger("mismatchCount", 0) + " derived rows differ from their envelopes");
        }
        JsonArray kept = new JsonArray(problems.stream().limit(AuditRuns.KEPT_PROBLEMS).toList());
        return new AuditRuns.Run(started, ranBy, audit.getString("scope"), report.getBoolean("passed"), report.getBoolean("consistent"),
                audit.getLong("chunks"), audit.getLong("envelopes"), audit.getInteger("checkpoints"), problems.size(), kept.encode(),
                Duration.between(started, ended).toMillis());
    }

    static JsonObject of(AuditRuns.Run r) {
        return new JsonObject().put("ranAt", r.ranAt().toString()).put("ranBy", r.ranBy()).put("scope", r.scope())
                .put("passed", r.passed()).put("consistent", r.consistent()).put("chunks", r.chunks()).put("envelopes", r.envelopes())
                .put("checkpoints", r.checkpoints()).put("problemCount", r.problemCount())
                .put("problems", new JsonArray(r.problemsJson())).put("durationMillis", r.durationMillis());
    }
}
