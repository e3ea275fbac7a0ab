package org.prooftrail.api.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.core.custody.WriteRights;
import org.prooftrail.core.trace.FarmSteps;
import org.prooftrail.core.trace.PageToken;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.core.trace.TraceWalk;
import org.prooftrail.store.epcis.SharedEvents;
import org.prooftrail.store.journey.NamedEvent;
import org.prooftrail.store.journey.TraceEvents;
import org.prooftrail.store.journey.TraceGraph;

/**
 * Runs one page of a trace on a connection (blocking) and shapes the answer. The walk sees every
 * organisation's events, so links through a partner's data are followed; what the caller is shown
 * is filtered by {@link Principal#mayRead}: a company sees the nodes its own events name and its own
 * events, those its shares show (docs/custody.md, "Shares"), and counts of the rest.
 */
final class TraceService {
    /** The members that list codes: a share must disclose them for the trace to show its events. */
    static final Set<String> CODE_LISTS = Set.of("epcList", "parentID", "childEPCs", "inputEPCList", "outputEPCList");

    private TraceService() {
    }

    /** Empty when no event the caller may read names the start. */
    /** @param linkBases the resolver bases under which events name items as Digital Links */
    static Optional<JsonObject> run(Connection c, TraceQuery q, Principal caller, List<String> linkBases) throws Exception {
        if (TraceEvents.orgsNaming(c, q.start(), linkBases).stream().noneMatch(caller::mayRead)
                && !sharedNaming(c, q.start(), caller)) {
            return Optional.empty();
        }
        int wanted = (int) Math.min(q.offset() + q.limit() + 1, Integer.MAX_VALUE);
        TraceWalk.Result walk = TraceWalk.walk(q.start(), new TraceGraph(c, q.direction(), linkBases), q.depth(), wanted);
        List<TraceWalk.Node> all = walk.nodes();
        int from = (int) Math.min(q.offset(), all.size());
        int to = (int) Math.min(q.offset() + q.limit(), all.size());
        List<TraceWalk.Node> page = all.subList(from, to);
        boolean more = walk.more() || all.size() > to;

        TraceEvents.Naming naming = TraceEvents.naming(c, page.stream().map(TraceWalk.Node::id).toList());
        Map<String, TraceEvents.Owner> owners = TraceEvents.owners(c, page.stream().map(n -> n.id().gtin())
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        Map<String, JsonObject> claims = new LinkedHashMap<>();
        boolean company = caller.role() == org.prooftrail.api.auth.ApiRole.COMPANY;
        Set<String> shared = company ? shared(c, caller, naming.byNode().values()) : Set.of();
        JsonArray nodes = new JsonArray();
        int hiddenNodes = 0;
        Set<String> hiddenEvents = new LinkedHashSet<>();
        Map<String, JsonObject> shipments = new LinkedHashMap<>();
        Map<String, JsonObject> received = new TreeMap<>();
        Map<String, JsonObject> named = new LinkedHashMap<>();
        for (TraceWalk.Node n : page) {
            TraceEvents.Owner owner = owners.get(n.id().gtin());
            List<NamedEvent> events = counted(n, naming, owner, caller, claims);
            List<NamedEvent> visible = new ArrayList<>();
            for (NamedEvent e : events) {
                if (caller.mayRead(e.org()) || shared.contains(e.eventId())) {
                    visible.add(e);
                } else {
                    hiddenEvents.add(e.eventId());
                }
            }
            if (visible.isEmpty() && !events.isEmpty()) {
                hiddenNodes++;
                continue;
            }
            nodes.add(node(n, visible, spellings(n, naming, owner, events), company));
            for (NamedEvent e : visible) {
                named.computeIfAbsent(e.eventId(), id -> event(e)).getJsonArray("identifiers").add(n.id().key());
                if (FarmSteps.isShipping(e.bizStep()) || FarmSteps.isReceiving(e.bizStep())) {
                    shipments.computeIfAbsent(e.eventId(), id -> shipment(e)).getJsonArray("identifiers").add(n.id().key());
                }
                if (FarmSteps.isReceiving(e.bizStep()) && e.location() != null) {
                    received.putIfAbsent(e.location(), new JsonObject().put("location", e.location())
                            .put("eventID", e.eventId()).put("eventTime", e.time().toString()).put("org", e.org()));
                }
            }
        }
        JsonObject out = new JsonObject().put("code", q.code()).put("id", q.start().key())
                .put("kind", q.start().kind().label()).put("direction", q.directionName()).put("depth", q.depth())
                .put("limit", q.limit()).put("offset", q.offset())
                .put("scope", company ? "organisation " + caller.org() : "all organisations")
                .put("nodes", nodes).put("shipments", new JsonArray(new ArrayList<>(shipments.values())))
                .put("locations", new JsonArray(new ArrayList<>(received.values())))
                .put("events", new JsonArray(new ArrayList<>(named.values())))
                .put("unconfirmedClaims", new JsonArray(new ArrayList<>(claims.values())));
        if (q.direction() == TraceWalk.Direction.BACK) {
            FarmOrigins.add(c, out, page, naming, caller);
        }
        JsonArray cutBy = new JsonArray();
        if (more) {
            cutBy.add("limit");
            out.put("nextPageToken", PageToken.encode(q.code(), q.directionName(), q.depth(), to));
        }
        if (walk.depthCut() && !more) {
            cutBy.add("depth");
        }
        if (naming.cut()) {
            cutBy.add("events");
        }
        out.put("truncated", !cutBy.isEmpty()).put("truncatedBy", cutBy);
        if (company) {
            out.put("hidden", new JsonObject().put("nodes", hiddenNodes).put("events", hiddenEvents.size()));
        }
        return Optional.of(out);
    }

    /**
     * Which of the events another organisation wrote the caller's shares show in a trace
     * (docs/custody.md, "Shares"). A trace names the codes each event lists, so a share shows an event
     * here only when it discloses the code lists (all members, or at least {@link #CODE_LISTS}).
     */
    private static Set<String> shared(Connection c, Principal caller, java.util.Collection<List<NamedEvent>> events)
            throws java.sql.SQLException {
        Set<String> others = new java.util.HashSet<>();
        events.forEach(list -> list.forEach(e -> {
            if (!caller.mayRead(e.org())) {
                others.add(e.eventId());
            }
        }));
        Set<String> out = new java.util.HashSet<>();
        SharedEvents.covering(c, caller.org(), others).forEach((id, covered) -> {
            if (covered.whole() || covered.members().containsAll(CODE_LISTS)) {
                out.add(id);
            }
        });
        return out;
    }

    /** Whether a share of the caller's shows an event naming the start (else the trace is a 404). */
    private static boolean sharedNaming(Connection c, TraceId start, Principal caller) throws java.sql.SQLException {
        if (caller.role() != org.prooftrail.api.auth.ApiRole.COMPANY) {
            return false;
        }
        return !shared(c, caller, TraceEvents.naming(c, List.of(start)).byNode().values()).isEmpty();
    }

    /**
     * The node's events that count under the write rule (docs/custody.md): for goods whose owner is
     * registered, those of the owner, of organisations it granted and of those holding custody; the others
     * go to {@code claims} (shown to the caller when it may read the owner's or the writer's data).
     */
    private static List<NamedEvent> counted(TraceWalk.Node n, TraceEvents.Naming naming, TraceEvents.Owner owner,
                                            Principal caller, Map<String, JsonObject> claims) {
        List<NamedEvent> events = naming.byNode().getOrDefault(n.id().key(), List.of());
        if (owner == null || events.isEmpty()) {
            return events;
        }
        WriteRights rule = WriteRights.of(owner.org(), owner.covering(n.id().lot()),
                events.stream().map(e -> naming.writings().get(e.eventId())).toList());
        List<NamedEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            NamedEvent e = events.get(i);
            if (rule.counts(i)) {
                out.add(e);
            } else if (caller.mayRead(owner.org()) || caller.mayRead(e.org())) {
                claims.computeIfAbsent(e.eventId(), id -> event(e).put("owner", owner.org()).put("reason",
                        "written by an organisation that is not the owner, holds no grant of the owner and did not hold "
                                + "custody of the goods at the time")).getJsonArray("identifiers").add(n.id().key());
            }
        }
        return out;
    }

    /** How the events that count wrote the node (all events' spellings when its owner is not known). */
    private static Set<String> spellings(TraceWalk.Node n, TraceEvents.Naming naming, TraceEvents.Owner owner,
                                         List<NamedEvent> counted) {
        if (owner == null) {
            return naming.spellings().getOrDefault(n.id().key(), Set.of());
        }
        Set<String> out = new java.util.TreeSet<>();
        counted.forEach(e -> out.addAll(naming.spellings(n.id().key(), e.eventId())));
        return out;
    }

    private static JsonObject node(TraceWalk.Node n, List<NamedEvent> visible, Set<String> spellings, boolean company) {
        TraceId id = n.id();
        JsonObject o = new JsonObject().put("id", id.key()).put("kind", id.kind().label()).put("depth", n.depth());
        if (id.gtin() != null) {
            o.put("gtin", id.gtin());
        }
        if (id.lot() != null) {
            o.put("lot", id.lot());
        }
        if (id.kind() == TraceId.Kind.ITEM) {
            o.put("serial", id.serial());
        } else if (id.kind() == TraceId.Kind.CONTAINER) {
            o.put("sscc", id.serial());
        }
        if (n.relation() != null) {
            o.put("relation", n.relation());
            if (!company) {
                o.put("reachedFrom", n.from()).put("viaEvent", n.eventId());
            }
        }
        o.put("epcs", new JsonArray(new ArrayList<>(spellings)));
        NamedEvent last = null;
        String lastLocation = null;
        for (NamedEvent e : visible) {
            last = e;
            if (e.location() != null) {
                lastLocation = e.location();
            }
        }
        if (last != null) {
            o.put("lastEventTime", last.time().toString());
        }
        if (lastLocation != null) {
            o.put("lastLocation", lastLocation);
        }
        return o;
    }

    /** Every visible event naming a node of the page (commissioning, packing, shipping, selling, ...). */
    private static JsonObject event(NamedEvent e) {
        JsonObject o = new JsonObject().put("eventID", e.eventId()).put("type", e.type()).put("eventTime", e.time().toString())
                .put("org", e.org());
        if (e.action() != null) {
            o.put("action", e.action());
        }
        if (e.bizStep() != null) {
            o.put("bizStep", e.bizStep());
        }
        if (e.disposition() != null) {
            o.put("disposition", e.disposition());
        }
        if (e.readPoint() != null) {
            o.put("readPoint", e.readPoint());
        }
        if (e.bizLocation() != null) {
            o.put("bizLocation", e.bizLocation());
        }
        return o.put("identifiers", new JsonArray());
    }

    private static JsonObject shipment(NamedEvent e) {
        JsonObject s = new JsonObject().put("eventID", e.eventId()).put("bizStep", e.bizStep())
                .put("eventTime", e.time().toString()).put("org", e.org());
        if (e.readPoint() != null) {
            s.put("readPoint", e.readPoint());
        }
        if (e.bizLocation() != null) {
            s.put("bizLocation", e.bizLocation());
        }
        return s.put("identifiers", new JsonArray());
    }
}
