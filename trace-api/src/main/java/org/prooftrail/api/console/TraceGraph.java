package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace as columns of nodes and the links between them, built from the API's forward and back answers
 * ({@code GET /v1/trace/{code}}). Each column keeps at most {@link #SHOWN} nodes (the start first) and
 * counts the rest, so the picture stays readable for a lot of 100,000 packs; the recall CSV has them all.
 */
record TraceGraph(String start, Map<TraceStage, List<Node>> columns, Map<TraceStage, Integer> more, List<Edge> edges) {
    static final int SHOWN = 12;

    /** One box: {@code id} is the API's node key (or event ID, or location); {@code traceable} when it can be traced itself. */
    record Node(String id, TraceStage stage, String kind, String label, String sub, String title, boolean traceable) {
    }

    record Edge(String from, String to) {
    }

    boolean isEmpty() {
        return columns.values().stream().allMatch(List::isEmpty);
    }

    static TraceGraph of(JsonObject forward, JsonObject back, Lang lang) {
        Builder b = new Builder(forward != null ? forward.getString("id") : back.getString("id"), lang);
        boolean forwardHasLots = forward != null && nodes(forward).stream()
                .anyMatch(n -> "lot".equals(n.getString("kind")) && n.getInteger("depth", 0) > 0);
        if (forward != null) {
            for (JsonObject n : nodes(forward)) {
                boolean source = "lot".equals(n.getString("kind")) && n.getString("id").equals(b.start) && forwardHasLots;
                b.node(n, source);
            }
        }
        if (back != null) {
            for (JsonObject n : nodes(back)) {
                boolean source = "lot".equals(n.getString("kind")) && n.getInteger("depth", 0) > 0
                        && !"item of".equals(n.getString("relation"));
                b.node(n, source);
            }
            b.farm(back);
        }
        JsonObject flows = forward != null ? forward : back;
        b.shipments(flows.getJsonArray("shipments", new JsonArray()));
        b.receivers(flows.getJsonArray("locations", new JsonArray()));
        return b.build();
    }

    static List<JsonObject> nodes(JsonObject trace) {
        List<JsonObject> out = new ArrayList<>();
        trace.getJsonArray("nodes", new JsonArray()).forEach(o -> out.add((JsonObject) o));
        return out;
    }

    /** Collects nodes by column and links by key, then keeps the first {@link #SHOWN} of each column. */
    private static final class Builder {
        final String start;
        final Lang lang;
        final Map<String, Node> all = new LinkedHashMap<>();
        final Set<Edge> edges = new LinkedHashSet<>();

        Builder(String start, Lang lang) {
            this.start = start;
            this.lang = lang;
        }

        void node(JsonObject n, boolean sourceLot) {
            String id = n.getString("id");
            if (n.getString("reachedFrom") != null) {
                edges.add(new Edge(n.getString("reachedFrom"), id));
            }
            if (all.containsKey(id)) {
                return;
            }
            String kind = n.getString("kind");
            TraceStage stage = switch (kind) {
                case "lot" -> sourceLot ? TraceStage.SOURCE_LOTS : TraceStage.LOTS;
                case "item" -> TraceStage.ITEMS;
                default -> TraceStage.CONTAINERS;
            };
            String gtin = n.getString("gtin");
            String lot = n.getString("lot");
            String label;
            String sub;
            switch (kind) {
                case "lot" -> {
                    label = lang.pick("Lot ", "批次 ") + lot;
                    sub = "GTIN " + gtin;
                }
                case "item" -> {
                    label = lang.pick("Serial ", "序列号 ") + n.getString("serial");
                    sub = lot != null ? lang.pick("lot ", "批次 ") + lot : "GTIN " + gtin;
                }
                case "container" -> {
                    label = "SSCC";
                    sub = n.getString("sscc");
                }
                default -> {
                    label = lang.pick("Other", "其他");
                    sub = id;
                }
            }
            StringBuilder title = new StringBuilder(id);
            if (n.getString("lastLocation") != null) {
                title.append('\n').append(lang.pick("last at ", "最后位置 ")).append(n.getString("lastLocation"));
            }
            if (n.getString("lastEventTime") != null) {
                title.append('\n').append(lang.pick("last event ", "最后事件 ")).append(n.getString("lastEventTime"));
            }
            all.put(id, new Node(id, stage, kind, label, sub, title.toString(), !"other".equals(kind)));
        }

        /** Input applications, each linked to the lots harvested on its plot. */
        void farm(JsonObject back) {
            Map<String, List<String>> lotsOfPlot = new LinkedHashMap<>();
            for (Object o : back.getJsonArray("farmPlots", new JsonArray())) {
                JsonObject p = (JsonObject) o;
                List<String> lots = lotsOfPlot.computeIfAbsent(p.getString("location"), l -> new ArrayList<>());
                p.getJsonArray("harvests", new JsonArray()).forEach(h -> lots.add(((JsonObject) h).getString("lot")));
            }
            for (Object o : back.getJsonArray("inputApplications", new JsonArray())) {
                JsonObject a = (JsonObject) o;
                String id = a.getString("eventID");
                String input = inputName(a.getJsonObject("event", new JsonObject()), a.getString("bizStep"));
                all.putIfAbsent(id, new Node(id, TraceStage.INPUTS, "input", input,
                        TraceText.place(a.getString("plot")) + " " + TraceText.day(a.getString("eventTime")),
                        lang.pick("Input applied on plot ", "施用于地块 ") + a.getString("plot") + "\n" + a.getString("eventTime")
                                + "\n" + id, false));
                lotsOfPlot.getOrDefault(a.getString("plot"), List.of()).forEach(lot -> edges.add(new Edge(id, lot)));
            }
        }

        void shipments(JsonArray shipments) {
            for (Object o : shipments) {
                JsonObject s = (JsonObject) o;
                String id = s.getString("eventID");
                String where = s.getString("bizLocation", s.getString("readPoint"));
                all.putIfAbsent(id, new Node(id, TraceStage.SHIPMENTS, "shipment", TraceText.step(s.getString("bizStep"), lang),
                        TraceText.day(s.getString("eventTime")) + " " + s.getString("org", ""),
                        s.getString("bizStep") + "\n" + s.getString("eventTime") + (where == null ? "" : "\n" + where) + "\n" + id,
                        false));
                s.getJsonArray("identifiers", new JsonArray()).forEach(i -> edges.add(new Edge(String.valueOf(i), id)));
            }
        }

        void receivers(JsonArray locations) {
            for (Object o : locations) {
                JsonObject l = (JsonObject) o;
                String id = l.getString("location");
                all.putIfAbsent(id, new Node(id, TraceStage.RECEIVERS, "receiver", TraceText.place(id),
                        TraceText.day(l.getString("eventTime")) + " " + l.getString("org", ""),
                        lang.pick("Received at ", "收货于 ") + id + "\n" + l.getString("eventTime"), false));
                edges.add(new Edge(l.getString("eventID"), id));
            }
        }

        TraceGraph build() {
            Map<TraceStage, List<Node>> columns = new EnumMap<>(TraceStage.class);
            Map<TraceStage, Integer> more = new EnumMap<>(TraceStage.class);
            for (TraceStage s : TraceStage.values()) {
                columns.put(s, new ArrayList<>());
                more.put(s, 0);
            }
            Node first = all.get(start);
            if (first != null) {
                columns.get(first.stage()).add(first);
            }
            for (Node n : all.values()) {
                if (n == first) {
                    continue;
                }
                List<Node> col = columns.get(n.stage());
                if (col.size() < SHOWN) {
                    col.add(n);
                } else {
                    more.merge(n.stage(), 1, Integer::sum);
                }
            }
            Set<String> shown = new java.util.HashSet<>();
            columns.values().forEach(c -> c.forEach(n -> shown.add(n.id())));
            List<Edge> kept = edges.stream().filter(e -> shown.contains(e.from()) && shown.contains(e.to())
                    && !e.from().equals(e.to())).toList();
            return new TraceGraph(start, columns, more, kept);
        }

        /** What was applied: the class of the event's first quantity (a pesticide's lot), else the step's last word. */
        private static String inputName(JsonObject event, String bizStep) {
            JsonArray q = event.getJsonArray("quantityList");
            if (q != null && !q.isEmpty() && q.getValue(0) instanceof JsonObject first && first.getString("epcClass") != null) {
                return TraceText.shortCode(first.getString("epcClass"));
            }
            return TraceText.lastWord(bizStep);
        }
    }
}
