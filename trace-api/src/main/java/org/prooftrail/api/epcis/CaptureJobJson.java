package org.prooftrail.api.epcis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.store.epcis.CaptureJob;

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
                .put("captureErrorBehaviour", "rollback")
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
}
