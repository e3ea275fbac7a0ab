package org.prooftrail.api.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeptItemsTest {
    private final AtomicLong clock = new AtomicLong();
    private final List<String> forgotten = new ArrayList<>();

    private KeptItems<String, String> kept(Duration maxAge, long maxItems) {
        return new KeptItems<>(maxAge, maxItems, clock::get, (k, v) -> forgotten.add(k + "=" + v));
    }

    @Test
    void anItemIsServedUntilItIsOlderThanTheMaximumAge() {
        KeptItems<String, String> items = kept(Duration.ofMinutes(10), 100);
        items.keep(List.of("a", "b"), List.of("A", "B"));
        clock.set(Duration.ofMinutes(10).toNanos());
        assertEquals("A", items.get("a"));
        clock.incrementAndGet();
        assertNull(items.get("a"));
        assertEquals(List.of("a=A", "b=B"), forgotten, "the whole filing left when found too old");
        assertEquals(0, items.size());
    }

    @Test
    void theOldestLotLeavesFirstWhenThereAreTooManyItems() {
        KeptItems<String, String> items = kept(Duration.ofMinutes(10), 4);
        items.keep(List.of("a1", "a2"), List.of("A1", "A2"));
        items.keep(List.of("b1", "b2"), List.of("B1", "B2"));
        items.keep(List.of("c1"), List.of("C1"));
        assertNull(items.get("a1"));
        assertNull(items.get("a2"));
        assertEquals("B1", items.get("b1"));
        assertEquals("C1", items.get("c1"));
        assertEquals(List.of("a1=A1", "a2=A2"), forgotten);
        assertEquals(3, items.size());
    }

    @Test
    void anItemKeptAgainStaysWhenItsEarlierFilingLeaves() {
        KeptItems<String, String> items = kept(Duration.ofMinutes(10), 3);
        items.keep(List.of("a", "b"), List.of("A", "B"));
        clock.set(5);
        items.keep(List.of("a", "c"), List.of("A2", "C"));
        assertEquals(List.of("a=A"), forgotten, "the replaced value is told as gone");
        items.keep(List.of("d"), List.of("D"));
        assertEquals(List.of("a=A", "b=B"), forgotten, "the first filing left; its item kept again did not");
        assertEquals("A2", items.get("a"));
        assertEquals(3, items.size());
    }

    @Test
    void removingAndClearing() {
        KeptItems<String, String> items = kept(Duration.ofMinutes(10), 10);
        items.keep(List.of("a", "b"), List.of("A", "B"));
        assertEquals("A", items.remove("a"));
        assertNull(items.remove("a"));
        assertEquals(List.of("a=A"), forgotten);
        assertEquals(1, items.clear());
        assertNull(items.get("b"));
        assertEquals(List.of("a=A"), forgotten, "clearing tells nobody");
    }
}
