package org.prooftrail.api.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.anchor.audit.DerivedRowsAudit;
import org.prooftrail.anchor.audit.Mismatch;

/** The derived-rows part of {@code GET /v1/audit?full=true} (schema DerivedRowsAudit in openapi.yaml). */
final class DerivedRowsJson {
    private DerivedRowsJson() {
    }

    static JsonObject of(DerivedRowsAudit.Report r) {
        JsonArray list = new JsonArray();
        for (Mismatch m : r.mismatches()) {
            list.add(new JsonObject().put("device", m.device()).put("seq", m.seq()).put("envelopeId", m.envelopeId())
                    .put("table", m.table()).put("row", m.row()).put("field", m.field()).put("stored", m.stored())
                    .put("derived", m.derived()));
        }
        return new JsonObject().put("passed", r.passed()).put("envelopes", r.envelopes()).put("readingRows", r.readingRows())
                .put("eventRows", r.eventRows()).put("epcRows", r.epcRows()).put("duplicateEvents", r.duplicateEvents())
                .put("mismatchCount", r.mismatchCount()).put("mismatches", list).put("millis", r.millis());
    }
}
