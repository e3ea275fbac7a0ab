package org.prooftrail.api.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.core.trace.FarmSteps;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.core.trace.TraceWalk;
import org.prooftrail.store.journey.NamedEvent;
import org.prooftrail.store.journey.TraceEvents;

/**
 * Where the lots a backward trace ends at came from: the plot (location) of the ObjectEvent that
 * created each origin lot (action ADD, e.g. harvesting), and what happened on that plot during the
 * season that produced it: from the last planting up to the harvest, every planting and every input
 * application (pesticide, fertiliser), as recognised by {@link FarmSteps}.
 */
final class FarmOrigins {
    private FarmOrigins() {
    }

    /** One plot and its latest harvest among the traced lots. */
    private record Plot(String location, List<JsonObject> harvests, Instant harvestTime) {
    }

    /** An event at a plot with its document (input applications are reported whole). */
    private record PlotEvent(NamedEvent event, JsonObject doc) {
    }

    static void add(Connection c, JsonObject out, List<TraceWalk.Node> page, TraceEvents.Naming naming, Principal caller)
            throws SQLException {
        Map<String, Plot> plots = new TreeMap<>();
        for (TraceWalk.Node n : page) {
            if (!n.leaf() || n.id().kind() != TraceId.Kind.LOT) {
                continue;
            }
            for (NamedEvent e : naming.byNode().getOrDefault(n.id().key(), List.of())) {
                if (!e.type().equals("ObjectEvent") || !"ADD".equals(e.action()) || e.location() == null
                        || !caller.mayRead(e.org())) {
                    continue;
                }
                Plot p = plots.computeIfAbsent(e.location(), l -> new Plot(l, new ArrayList<>(), e.time()));
                p.harvests().add(new JsonObject().put("lot", n.id().key()).put("eventID", e.eventId())
                        .put("eventTime", e.time().toString()).put("org", e.org()));
                if (e.time().isAfter(p.harvestTime())) {
                    plots.put(p.location(), new Plot(p.location(), p.harvests(), e.time()));
                }
            }
        }
        JsonArray farmPlots = new JsonArray();
        JsonArray plantings = new JsonArray();
        JsonArray inputs = new JsonArray();
        if (!plots.isEmpty()) {
            Instant until = plots.values().stream().map(Plot::harvestTime).max(Instant::compareTo).orElseThrow();
            List<PlotEvent> events = TraceEvents.atPlots(c, plots.keySet(), until).stream()
                    .map(pe -> new PlotEvent(pe.event(), new JsonObject(pe.doc()))).toList();
            for (Plot p : plots.values()) {
                farmPlots.add(new JsonObject().put("location", p.location()).put("harvests", new JsonArray(p.harvests())));
                List<PlotEvent> season = season(p, events);
                for (PlotEvent pe : season) {
                    if (!caller.mayRead(pe.event().org())) {
                        continue;
                    }
                    FarmSteps.Kind kind = FarmSteps.classify(pe.event().bizStep(), pe.doc().fieldNames().iterator());
                    if (kind == FarmSteps.Kind.PLANTING) {
                        plantings.add(farmEvent(p, pe));
                    } else if (kind == FarmSteps.Kind.INPUT_APPLICATION) {
                        inputs.add(farmEvent(p, pe));
                    }
                }
            }
        }
        out.put("farmPlots", farmPlots).put("plantings", plantings).put("inputApplications", inputs);
    }

    /** The plot's events from its last planting before the harvest up to the harvest. */
    private static List<PlotEvent> season(Plot p, List<PlotEvent> events) {
        List<PlotEvent> here = events.stream().filter(pe -> p.location().equals(pe.event().readPoint())
                || p.location().equals(pe.event().bizLocation())).filter(pe -> !pe.event().time().isAfter(p.harvestTime())).toList();
        Instant start = Instant.MIN;
        for (PlotEvent pe : here) {
            if (FarmSteps.classify(pe.event().bizStep(), pe.doc().fieldNames().iterator()) == FarmSteps.Kind.PLANTING) {
                start = pe.event().time();
            }
        }
        Instant from = start;
        return here.stream().filter(pe -> !pe.event().time().isBefore(from)).toList();
    }

    private static JsonObject farmEvent(Plot p, PlotEvent pe) {
        return new JsonObject().put("plot", p.location()).put("eventID", pe.event().eventId())
                .put("eventTime", pe.event().time().toString()).put("bizStep", pe.event().bizStep())
                .put("org", pe.event().org()).put("event", pe.doc());
    }
}
