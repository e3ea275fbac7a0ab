package org.prooftrail.api.epcis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeMap;
import org.prooftrail.store.epcis.CaptureJob;
import org.prooftrail.store.epcis.CaptureJobs;

/** A stored capture job shaped as the REST bindings' CaptureJob. */
final class CaptureJobJson {
    private CaptureJobJson() {
    }

    static JsonObject of(CaptureJob j) {
        if (j.abandoned()) {
            return new JsonObject().put("captureID", j.id())
                    .put("createdAt", j.createdAt().toString())
                    .put("running", false).put("success", false).put("captureErrorBehaviour", "rollback")
                    .put("errors", new JsonArray().add(new JsonObject()
                            .put("type", "epcisException:ImplementationException").put("title", "Capture interrupted")
                            .put("status", 500).put("detail", "the capture was cut off (the server stopped while storing "
                                    + "it); nothing of it was stored. Capture the document again")))
                    .put("organisation", j.orgId()).put("eventCount", j.eventCount());
        }
        JsonObject job = new JsonObject()
                .put("captureID", j.id())
                .put("createdAt", j.createdAt().toString())
                .put("running", j.running())
                .put("success", j.success())
                .put("captureErrorBehaviour", refusedOneByOne(j) ? "proceed" : "rollback")
                .put("errors", new JsonArray(j.errorsJson()))
                .put("organisation", j.orgId())
                .put("eventCount", j.eventCount());
        if (j.finishedAt() != null) {
            job.put("finishedAt", j.finishedAt().toString());
        }
        if (j.chunkId() != null) {
            job.put("chunk", j.chunkId());
        }
        return job;
    }

    /** Whether the job refused events one by one (proceed); the job row keeps no more of how it was asked. */
    private static boolean refusedOneByOne(CaptureJob j) {
        return j.errorsJson() != null && j.errorsJson().contains("\"eventIndex\"");
    }

    /**
     * Each event's result, in document order: {@code {index, eventID, type, eventTime, bizStep, result:
     * "accepted"}} for the events stored in the job's chunk, {@code {index, eventID, result: "refused",
     * status, detail}} for those it refused one by one (the errors with an {@code eventIndex}). The
     * stored events fill the indexes the refused ones leave, in order, as a proceed capture stores them.
     * A job refused whole (rollback) has no per-event results beyond its errors.
     */
    static JsonArray events(CaptureJob j, List<CaptureJobs.StoredEvent> stored) {
        TreeMap<Integer, JsonObject> byIndex = new TreeMap<>();
        for (Object o : new JsonArray(j.errorsJson() == null ? "[]" : j.errorsJson())) {
            if (o instanceof JsonObject e && e.getValue("eventIndex") instanceof Number n) {
                JsonObject r = new JsonObject().put("index", n.intValue()).put("result", "refused")
                        .put("status", e.getInteger("status")).put("detail", e.getString("detail"));
                if (e.getString("eventID") != null) {
                    r.put("eventID", e.getString("eventID"));
                }
                byIndex.put(n.intValue(), r);
            }
        }
        int index = 0;
        for (CaptureJobs.StoredEvent s : stored) {
            while (byIndex.containsKey(index)) {
                index++;
            }
            byIndex.put(index, new JsonObject().put("index", index).put("result", "accepted").put("eventID", s.eventId())
                    .put("type", s.type()).put("eventTime", s.eventTime().toString()).put("bizStep", s.bizStep()));
            index++;
        }
        return new JsonArray(List.copyOf(byIndex.values()));
    }
}
