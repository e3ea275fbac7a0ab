package org.prooftrail.api.page;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceJson;
import org.prooftrail.api.provenance.PublicEventId;
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
    private ShownData() {
    }

    /**
     * Writes the data's start, up to where its series go: {@code {"end":..,"open":..,"events":[..],"custody":[..],"series":}.
     * The events are the pack's own, those it shares with other packs of its lot copied in as
     * rendered when the lot was assembled ({@link SharedEvents}); the custody windows are its custody
     * part's, encoded once.
     *
     * @param at when the page was rendered: the journey's end unless the item was dispensed before
     */
    static void head(PageOut o, Provenance p, Instant at) {
        StringBuilder b = o.text;
        boolean dispensed = p.item() != null && p.item().dispensedAt() != null && p.item().dispensedAt().isBefore(at);
        Instant end = dispensed ? p.item().dispensedAt() : p.custody().stream().filter(CustodyWindow::open)
                .map(CustodyWindow::to).findFirst().orElse(at);
        ScriptJson.field(b, true, "end", end.toString()).append(",\"open\":").append(!dispensed).append(",\"events\":[");
        SharedEvents shared = SharedEvents.of(p);
        boolean firstEvent = true;
        for (TimelineEvent e : p.events()) {
            if (!firstEvent) {
                b.append(',');
            }
            firstEvent = false;
            byte[] done = shared == null ? null : shared.shown(e);
            if (done != null) {
                o.fragment(done);
            } else {
                event(b, e);
            }
        }
        b.append("],\"custody\":").append(custody(p)).append(",\"series\":");
    }

    /** One event as the data carries it: {@code {"eventID":..,..,"seq":..}}. */
    static void event(StringBuilder b, TimelineEvent e) {
        ScriptJson.field(b, true, "eventID", PublicEventId.of(e));
        ScriptJson.field(b, false, "type", e.type());
        ScriptJson.field(b, false, "action", e.action());
        ScriptJson.field(b, false, "time", e.time().toString());
        ScriptJson.field(b, false, "timeZoneOffset", e.timeZoneOffset());
        ScriptJson.field(b, false, "bizStep", e.bizStep());
        ScriptJson.field(b, false, "disposition", e.disposition());
        ScriptJson.field(b, false, "readPoint", e.readPoint());
        ScriptJson.field(b, false, "bizLocation", e.bizLocation());
        ScriptJson.field(b, false, "org", e.orgName());
        ScriptJson.field(b, false, "via", e.via());
        ScriptJson.field(b, false, "device", e.device());
        ScriptJson.number(b.append(",\"seq\":"), e.seq()).append('}');
    }

    /** Encodes now what every pack of the custody part shares: its windows and its verdict. */
    static void prepare(Provenance p) {
        custody(p);
        verdict(p);
    }

    private static String custody(Provenance p) {
        return p.memo().get("shown-custody", () -> encodeCustody(p));
    }

    private static String verdict(Provenance p) {
        return p.memo().get("shown-verdict", () -> Html.scriptJson(ProvenanceJson.verdict(p.verdict()).encode()));
    }

    /** Writes the data's end, after its series: {@code ,"verdict":{..}}}. */
    static void tail(StringBuilder b, Provenance p) {
        b.append(",\"verdict\":").append(verdict(p)).append('}');
    }

    /** The custody windows, the same for every pack of a custody part. */
    private static String encodeCustody(Provenance p) {
        JsonArray custody = new JsonArray();
        for (CustodyWindow w : p.custody()) {
            custody.add(new JsonObject().put("location", w.location()).put("from", w.from().toString())
                    .put("to", w.to().toString()).put("open", w.open()).put("devices", new JsonArray(List.copyOf(w.devices()))));
        }
        return Html.scriptJson(custody.encode());
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
