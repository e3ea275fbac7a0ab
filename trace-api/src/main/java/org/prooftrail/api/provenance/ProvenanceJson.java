package org.prooftrail.api.provenance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.prooftrail.core.coldchain.ColdChainRule;
import org.prooftrail.core.coldchain.Coverage;
import org.prooftrail.core.coldchain.Excursion;
import org.prooftrail.core.coldchain.SeqGap;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.Dispensing;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.journey.TimelineEvent;

/** The provenance JSON ({@code linkType=gs1:traceability}); see docs/api.md for its members. */
public final class ProvenanceJson {
    /** Proofs offered for at most this many events; the page checks each one in the browser. */
    public static final int MAX_PROOFS = 8;
    /** Uncovered stretches and seq gaps listed in full up to this many each; the counts say how many in all. */
    public static final int MAX_LISTED = 100;

    private ProvenanceJson() {
    }

    public static JsonObject of(Provenance p) {
        JsonObject o = new JsonObject().put("product", product(p.product()));
        if (p.lot() != null) {
            o.put("lot", new JsonObject().put("lot", p.lot().lot())
                    .put("producedAt", str(p.lot().producedAt())).put("expiresOn", str(p.lot().expiresOn())));
            // commitment-compliance certificates of the lot and of the lots it was made from, words in zh and en
            o.put("certificates", org.prooftrail.api.certificate.CertificateJson.ofLot(p.lot()));
        }
        if (p.item() != null) {
            o.put("item", new JsonObject().put("serial", p.item().serial()).put("status", p.item().status())
                    .put("dispensedAt", str(p.item().dispensedAt())).put("digitalLink", p.item().digitalLink())
                    .put("cnCode", p.item().cnCode()).put("dispensing", dispensing(p.item().dispensing())));
        }
        JsonArray events = new JsonArray();
        p.events().forEach(e -> events.add(event(e)));
        o.put("events", events);
        JsonArray custody = new JsonArray();
        for (CustodyWindow w : p.custody()) {
            int n = p.readings().stream().filter(s -> s.location().equals(w.location()) && s.from().equals(w.from()))
                    .mapToInt(s -> s.samples().size()).sum();
            custody.add(new JsonObject().put("location", w.location()).put("from", w.from().toString())
                    .put("to", w.open() ? null : w.to().toString()).put("devices", new JsonArray(w.devices())).put("readings", n));
        }
        o.put("custody", custody);
        o.put("coldChain", verdict(p.verdict()));
        o.put("proofs", proofs(p.events()));
        o.put("evidence", evidenceUrl(p));
        return o;
    }

    public static JsonObject product(Product p) {
        ColdChainRule r = p.rule();
        JsonObject rule = new JsonObject().put("minC", r.minC()).put("maxC", r.maxC())
                .put("maxSingleExcursionMinutes", minutes(r.maxSingle())).put("maxTotalExcursionMinutes", minutes(r.maxTotal()))
                .put("maxReadingGapMinutes", minutes(r.maxGap()));
        return new JsonObject().put("gtin", p.gtin()).put("name", p.name()).put("category", p.category())
                .put("organisation", new JsonObject().put("id", p.orgId()).put("name", p.orgName()))
                .put("coldChainRule", rule);
    }

    /** The pack's sale to a patient (the NHSA one-sale record), or null. */
    static JsonObject dispensing(Dispensing d) {
        return d == null ? null : new JsonObject().put("at", d.at().toString())
                .put("organisation", new JsonObject().put("id", d.orgId()).put("name", d.orgName())).put("location", d.location());
    }

    static JsonObject event(TimelineEvent e) {
        JsonObject o = new JsonObject().put("eventID", PublicEventId.of(e)).put("type", e.type()).put("action", e.action())
                .put("eventTime", e.time().toString()).put("eventTimeZoneOffset", e.timeZoneOffset())
                .put("bizStep", e.bizStep()).put("disposition", e.disposition()).put("readPoint", e.readPoint())
                .put("bizLocation", e.bizLocation()).put("organisation", e.orgName()).put("via", e.via());
        if (e.device() != null) {
            o.put("envelope", new JsonObject().put("device", e.device()).put("seq", e.seq()).put("proof", proofUrl(e)));
        }
        return o;
    }

    /** The events whose proofs a checker should fetch: the code's own first, then containers and inputs. */
    public static List<TimelineEvent> keyEvents(List<TimelineEvent> events) {
        return events.stream().filter(e -> e.device() != null)
                .sorted(java.util.Comparator.comparingInt((TimelineEvent e) -> switch (String.valueOf(e.via())) {
                    case "item" -> 0;
                    case "lot" -> 1;
                    case "container" -> 2;
                    default -> 3;
                }).thenComparing(TimelineEvent::time))
                .limit(MAX_PROOFS).toList();
    }

    static JsonArray proofs(List<TimelineEvent> events) {
        JsonArray a = new JsonArray();
        for (TimelineEvent e : keyEvents(events)) {
            a.add(new JsonObject().put("eventID", PublicEventId.of(e)).put("bizStep", e.bizStep()).put("device", e.device())
                    .put("seq", e.seq()).put("bundle", proofUrl(e)));
        }
        return a;
    }

    /** The evidence document behind this journey (docs/proofs.md); add {@code ?at=} to pin the data's time. */
    public static String evidenceUrl(Provenance p) {
        return org.prooftrail.api.evidence.EvidenceRoutes.path(p.product().gtin(), p.lot().lot(),
                p.item() == null ? null : p.item().serial());
    }

    public static String proofUrl(TimelineEvent e) {
        return "/v1/proofs/" + e.device() + "/" + e.seq();
    }

    public static JsonObject verdict(Verdict v) {
        JsonArray worst = new JsonArray();
        v.worst().forEach(x -> worst.add(excursion(x)));
        Coverage c = v.coverage();
        JsonArray uncovered = new JsonArray();
        c.uncovered().stream().limit(MAX_LISTED).forEach(u -> uncovered.add(new JsonObject().put("location", u.location())
                .put("from", u.from().toString()).put("to", u.to().toString()).put("minutes", minutes(u.duration()))));
        JsonArray gaps = new JsonArray();
        c.seqGaps().stream().limit(MAX_LISTED).forEach(g -> gaps.add(new JsonObject().put("device", g.device())
                .put("location", g.location()).put("fromSeq", g.fromSeq()).put("toSeq", g.toSeq())
                .put("after", g.after().toString()).put("before", g.before().toString())));
        return new JsonObject().put("verdict", v.status().wire()).put("reason", v.reason()).put("basis", v.basis().wire())
                .put("limitMinutes", minutes(v.limit())).put("samples", v.samples())
                .put("excursionCount", v.excursionCount()).put("longestMinutes", minutes(v.longest()))
                .put("totalMinutes", minutes(v.total())).put("worst", worst)
                .put("uncovered", uncovered).put("uncoveredCount", c.uncovered().size())
                .put("uncoveredMinutes", minutes(c.uncoveredTotal()))
                .put("seqGaps", gaps).put("seqGapCount", c.seqGaps().size())
                .put("missingEnvelopes", c.seqGaps().stream().mapToLong(SeqGap::missing).sum());
    }

    public static JsonObject excursion(Excursion x) {
        return new JsonObject().put("start", x.start().toString()).put("end", x.end().toString())
                .put("durationMinutes", minutes(x.duration())).put("peakC", x.peakC())
                .put("direction", x.above() ? "above" : "below").put("ongoing", x.ongoing())
                .put("device", x.device()).put("location", x.location());
    }

    static Double minutes(Duration d) {
        return d == null ? null : Math.round(d.toSeconds() / 6.0) / 10.0;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
