package org.prooftrail.core.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Breadth-first walk over the supply-chain graph, one {@link Expander} call per level (so storage
 * answers a level with one set-based query, not one per node). A visited set makes cycles end;
 * the walk stops once it has found {@code wanted} nodes, and says so; the order is deterministic
 * (level by level, by key within a level), so a page is an offset into it and repeats exactly.
 */
public final class TraceWalk {

    /** Which way to follow the links. */
    public enum Direction {
        /** Toward what was made from the start: outputs, containers, items of a lot. */
        FORWARD,
        /** Toward what the start was made from: inputs, contents, the lot of an item. */
        BACK
    }

    /** One link found from a node of the frontier: {@code from} is a frontier key. */
    public record Link(String from, TraceId to, String relation, String eventId) {
    }

    /** Finds the links of a whole frontier at once. */
    @FunctionalInterface
    public interface Expander {
        List<Link> expand(List<TraceId> frontier) throws Exception;
    }

    /**
     * A node reached. {@code leaf} is true when it was expanded and led nowhere new or old (an
     * origin when walking back), false otherwise, including when the depth limit left it unexpanded.
     */
    public record Node(TraceId id, int depth, String from, String relation, String eventId, boolean leaf) {
    }

    /**
     * @param nodes     the first nodes of the walk, in walk order, at most {@code wanted}
     * @param more      the walk reached more than {@code wanted} nodes
     * @param depthCut  the depth limit left links unfollowed
     */
    public record Result(List<Node> nodes, boolean more, boolean depthCut) {
    }

    private TraceWalk() {
    }

    public static Result walk(TraceId start, Expander expander, int maxDepth, int wanted) throws Exception {
        Map<String, Node> found = new LinkedHashMap<>();
        Set<String> linked = new HashSet<>();
        found.put(start.key(), new Node(start, 0, null, null, null, false));
        List<TraceId> frontier = List.of(start);
        boolean more = false;
        boolean depthCut = false;
        int depth = 0;
        while (!frontier.isEmpty()) {
            List<Link> links = expander.expand(frontier);
            if (depth == maxDepth) {
                depthCut = links.stream().anyMatch(l -> !found.containsKey(l.to().key()));
                break;
            }
            depth++;
            Map<String, Link> fresh = new LinkedHashMap<>();
            for (Link l : links) {
                linked.add(l.from());
                if (!found.containsKey(l.to().key())) {
                    fresh.merge(l.to().key(), l, TraceWalk::earlier);
                }
            }
            markLeaves(found, frontier, linked);
            List<Link> ordered = new ArrayList<>(fresh.values());
            ordered.sort(Comparator.comparing(l -> l.to().key()));
            List<TraceId> next = new ArrayList<>();
            for (Link l : ordered) {
                if (found.size() == wanted) {
                    more = true;
                    break;
                }
                found.put(l.to().key(), new Node(l.to(), depth, l.from(), l.relation(), l.eventId(), false));
                next.add(l.to());
            }
            if (more) {
                break;
            }
            frontier = next;
        }
        return new Result(List.copyOf(found.values()), more, depthCut);
    }

    private static void markLeaves(Map<String, Node> found, List<TraceId> frontier, Set<String> linked) {
        for (TraceId id : frontier) {
            if (!linked.contains(id.key())) {
                Node n = found.get(id.key());
                found.put(id.key(), new Node(n.id(), n.depth(), n.from(), n.relation(), n.eventId(), true));
            }
        }
    }

    /** Of two links to the same new node, keep one deterministically (the smaller source key). */
    private static Link earlier(Link a, Link b) {
        int c = a.from().compareTo(b.from());
        if (c == 0) {
            c = String.valueOf(a.eventId()).compareTo(String.valueOf(b.eventId()));
        }
        return c <= 0 ? a : b;
    }
}
