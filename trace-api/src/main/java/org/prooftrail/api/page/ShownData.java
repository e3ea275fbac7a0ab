package org.prooftrail.api.page;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceJson;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.TimelineEvent;

/**
 * What the page displays, as data for its script to compare with what the signed records say
 * (docs/proofs.md, "What the page rechecks"): every timeline event, the custody windows, every
 * chart series with its points ({@code [epoch ms, °C, seq]}) and the verdict. The HTML is rendered
 * from the same {@link Provenance}, so a difference here is a difference on the screen.
 */
final class ShownData {
    /** Stands for the series in {@link #of}'s JSON until the page puts in their encoding ({@link #series}), kept once per custody part. */
    static final String SERIES = "\"\\u0000pt-series\"";

    private ShownData() {
    }

    /** @param at when the page was rendered: the journey's end unless the item was dispensed before */
    static JsonObject of(Provenance p, Instant at) {
        JsonArray events = new JsonArray();
        for (TimelineEvent e : p.events()) {
            events.add(new JsonObject().put("eventID", org.prooftrail.api.provenance.PublicEventId.of(e.eventId())).put("type", e.type()).put("action", e.action())
                    .put("time", e.time().toString()).put("timeZoneOffset", e.timeZoneOffset()).put("bizStep", e.bizStep())
                    .put("disposition", e.disposition()).put("readPoint", e.readPoint()).put("bizLocation", e.bizLocation())
                    .put("org", e.orgName()).put("via", e.via()).put("device", e.device()).put("seq", e.seq()));
        }
        JsonArray custody = new JsonArray();
        for (CustodyWindow w : p.custody()) {
            custody.add(new JsonObject().put("location", w.location()).put("from", w.from().toString())
                    .put("to", w.to().toString()).put("open", w.open()).put("devices", new JsonArray(List.copyOf(w.devices()))));
        }
        boolean dispensed = p.item() != null && p.item().dispensedAt() != null && p.item().dispensedAt().isBefore(at);
        Instant end = dispensed ? p.item().dispensedAt() : p.custody().stream().filter(CustodyWindow::open)
                .map(CustodyWindow::to).findFirst().orElse(at);
        return new JsonObject().put("end", end.toString()).put("open", !dispensed).put("events", events)
                .put("custody", custody).put("series", "\u0000pt-series").put("verdict", ProvenanceJson.verdict(p.verdict()));
    }

    /** Every chart series with its points. */
    static JsonArray series(Provenance p) {
        JsonArray series = new JsonArray();
        for (Series s : p.readings()) {
            JsonArray points = new JsonArray();
            for (Sample x : s.samples()) {
                points.add(new JsonArray().add(x.time().toEpochMilli()).add(x.temperatureC()).add(x.seq()));
            }
            series.add(new JsonObject().put("device", s.device()).put("location", s.location())
                    .put("from", s.from().toString()).put("to", s.to().toString()).put("points", points));
        }
        return series;
    }
}
