package org.prooftrail.store.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/**
 * A serial or China code is issued once: drawn ones that collide are drawn again, chosen ones that
 * collide are a conflict; status changes keep the first dispensing time.
 */
class ItemsTest {
    private static Database db;
    private static Items items;
    private static Lots lots;
    private static Product product;

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        items = new Items(db.dataSource());
        lots = new Lots(db.dataSource());
        new Organisations(db.dataSource()).ensure("o", "O");
        new Products(db.dataSource()).create(new NewProduct("09506000134352", "o", "P", null, null, null, null, null, null));
        product = new Product("09506000134352", "o", null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static NewItem item(String serial, String cnCode) {
        return new NewItem(serial, "https://id.example.com/01/09506000134352/10/L,\"1\"/21/" + serial, cnCode);
    }

    @Test
    void collidingDrawsAreDrawnAgainUntilAllAreIssued() throws Exception {
        Lot lot = lots.create(product, "DRAW", null, null);
        AtomicInteger fresh = new AtomicInteger();
        List<Integer> asked = new ArrayList<>();
        // the first round draws the same serial four times: one is stored, three are drawn again
        List<Item> issued = items.issue(lot, 4, n -> {
            asked.add(n);
            List<NewItem> drawn = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                drawn.add(asked.size() == 1 ? item("SAME", null) : item("F" + fresh.incrementAndGet(), null));
            }
            return drawn;
        });
        assertEquals(List.of(4, 3), asked);
        assertEquals(4, issued.size());
        assertEquals(Set.of("SAME", "F1", "F2", "F3"), new HashSet<>(issued.stream().map(Item::serial).toList()));
        assertEquals(4, items.count(lot));
        // a Digital Link with a comma and quotes in the lot goes through COPY unharmed
        assertEquals(item("SAME", null).digitalLink(), items.page(lot, "F3", 1).get(0).digitalLink());
    }

    @Test
    void aCodeSpaceThatStaysFullIsAConflictAndIssuesNothing() throws Exception {
        Lot lot = lots.create(product, "FULL", null, null);
        items.add(lot, List.of(item("TAKEN", null)));
        RegistryConflict e = assertThrows(RegistryConflict.class,
                () -> items.issue(lot, 2, n -> n == 2 ? List.of(item("NEW1", null), item("TAKEN", null)) : List.of(item("TAKEN", null))));
        assertEquals("serial", e.field());
        assertTrue(e.getMessage().contains("in " + Items.MAX_ROUNDS + " rounds"), e.getMessage());
        assertEquals(1, items.count(lot), "the failed issue rolled back the one it had stored");
    }

    @Test
    void chosenSerialsOrCodesThatAreTakenAreAConflictForTheWholeBatch() throws Exception {
        Lot lot = lots.create(product, "CHOSEN", null, null);
        items.add(lot, List.of(item("C1", "86123450000000000017"), item("C2", null)));
        RegistryConflict serial = assertThrows(RegistryConflict.class,
                () -> items.add(lot, List.of(item("C3", null), item("C1", null))));
        assertEquals("serial", serial.field());
        RegistryConflict code = assertThrows(RegistryConflict.class,
                () -> items.add(lot, List.of(item("C4", "86123450000000000017"))));
        assertEquals("serial", code.field());
        assertEquals(List.of("C1", "C2"), items.page(lot, null, 10).stream().map(Item::serial).toList());
        assertEquals("86123450000000000017", items.page(lot, null, 1).get(0).cnCode());
    }

    @Test
    void dispensingKeepsItsFirstTimeAndBackToActiveClearsIt() throws Exception {
        Lot lot = lots.create(product, "STATUS", null, null);
        items.add(lot, List.of(item("S1", null)));
        Item dispensed = items.setStatus(product.gtin(), "S1", "dispensed").orElseThrow();
        assertEquals("dispensed", dispensed.status());
        assertNotNull(dispensed.dispensedAt());
        assertEquals(dispensed.dispensedAt(), items.setStatus(product.gtin(), "S1", "dispensed").orElseThrow().dispensedAt());
        assertEquals(dispensed.dispensedAt(), items.setStatus(product.gtin(), "S1", "retired").orElseThrow().dispensedAt());
        Item active = items.setStatus(product.gtin(), "S1", "active").orElseThrow();
        assertNull(active.dispensedAt());
        assertTrue(items.setStatus(product.gtin(), "NO-SUCH", "retired").isEmpty());
    }

    @Test
    void itemsAreReadInSerialOrderByPageAndByStream() throws Exception {
        Lot lot = lots.create(product, "PAGES", null, null);
        List<NewItem> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(item(String.format("P%03d", 24 - i), null));
        }
        items.add(lot, many);
        List<Item> first = items.page(lot, null, 10);
        assertEquals("P000", first.get(0).serial());
        List<Item> second = items.page(lot, first.get(9).serial(), 10);
        assertEquals("P010", second.get(0).serial());
        assertEquals(5, items.page(lot, "P019", 10).size());
        List<String> streamed = new ArrayList<>();
        items.forEach(lot, i -> streamed.add(i.serial()));
        assertEquals(25, streamed.size());
        assertEquals(streamed.stream().sorted().toList(), streamed);
        assertEquals(25, items.count(lot));
    }
}
