package org.prooftrail.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceWalkTest {
    private static TraceWalk.Expander graph(Map<String, List<String>> edges, List<Integer> calls) {
        return frontier -> {
            calls.add(frontier.size());
            List<TraceWalk.Link> out = new ArrayList<>();
            for (TraceId id : frontier) {
                for (String to : edges.getOrDefault(id.key(), List.of())) {
                    out.add(new TraceWalk.Link(id.key(), TraceId.other(to), "test", "e-" + id.key() + "-" + to));
                }
            }
            return out;
        };
    }

    private static List<String> keys(TraceWalk.Result r) {
        return r.nodes().stream().map(n -> n.id().key()).toList();
    }

    @Test
    void cyclesEndAndOneCallPerLevel() throws Exception {
        List<Integer> calls = new ArrayList<>();
        TraceWalk.Result r = TraceWalk.walk(TraceId.other("A"), graph(Map.of("A", List.of("B"), "B", List.of("A")), calls), 50, 100);
        assertEquals(List.of("A", "B"), keys(r));
        assertFalse(r.more());
        assertFalse(r.depthCut());
        assertEquals(2, calls.size());
    }

    @Test
    void levelsAreOrderedAndLeavesMarked() throws Exception {
        TraceWalk.Result r = TraceWalk.walk(TraceId.other("root"),
                graph(Map.of("root", List.of("z", "a"), "a", List.of("b")), new ArrayList<>()), 10, 100);
        assertEquals(List.of("root", "a", "z", "b"), keys(r));
        assertEquals(List.of(0, 1, 1, 2), r.nodes().stream().map(TraceWalk.Node::depth).toList());
        assertEquals(List.of(false, false, true, true), r.nodes().stream().map(TraceWalk.Node::leaf).toList());
    }

    @Test
    void depthLimitIsReported() throws Exception {
        TraceWalk.Result r = TraceWalk.walk(TraceId.other("1"),
                graph(Map.of("1", List.of("2"), "2", List.of("3")), new ArrayList<>()), 1, 100);
        assertEquals(List.of("1", "2"), keys(r));
        assertTrue(r.depthCut());
    }

    @Test
    void pagesOfAFanOutCoverEveryNodeOnce() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            many.add(String.format("n%03d", i));
        }
        TraceWalk.Expander g = graph(Map.of("root", many), new ArrayList<>());
        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (int offset = 0; ; offset += 10) {
            TraceWalk.Result r = TraceWalk.walk(TraceId.other("root"), g, 5, offset + 10 + 1);
            List<TraceWalk.Node> page = r.nodes().subList(Math.min(offset, r.nodes().size()), Math.min(offset + 10, r.nodes().size()));
            page.forEach(n -> assertTrue(seen.add(n.id().key()), "twice: " + n.id().key()));
            pages++;
            if (!r.more() && r.nodes().size() <= offset + 10) {
                break;
            }
        }
        assertEquals(58, seen.size());
        assertEquals(6, pages);
    }

    @Test
    void pageTokensAreBoundToTheirQuery() {
        String t = PageToken.encode("code", "forward", 20, 300);
        assertEquals(300, PageToken.decode(t, "code", "forward", 20));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PageToken.decode(t, "other", "forward", 20));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PageToken.decode("' OR 1=1 --", "code", "forward", 20));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PageToken.decode("dDEuLTEuYQ", "code", "forward", 20));
    }

    @Test
    void farmStepsByLastWord() {
        assertEquals(FarmSteps.Kind.PLANTING, FarmSteps.classify("https://ns.example.org/voc/bizstep/planting", List.<String>of().iterator()));
        assertEquals(FarmSteps.Kind.INPUT_APPLICATION, FarmSteps.classify("https://x.example/bizStep-input_application", List.<String>of().iterator()));
        assertEquals(FarmSteps.Kind.INPUT_APPLICATION, FarmSteps.classify("inspecting", List.of("type", "pt:inputApplication").iterator()));
        assertEquals(FarmSteps.Kind.OTHER, FarmSteps.classify("shipping", List.<String>of().iterator()));
        assertTrue(FarmSteps.isReceiving("receiving"));
        assertTrue(FarmSteps.isShipping("shipping"));
    }
}
