package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.identifiers.ItemSerial;
import org.prooftrail.store.Database;
import org.prooftrail.embedded.testing.TestServices;

/** Collisions are retried: a generator that repeats itself still yields the requested number of items. */
class ItemIssuerTest {
    private static Database db;
    private static final LotRef LOT = new LotRef(new Product("09506000134352", "o", null), "L1", null);

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO organisation (id, name) VALUES ('o', 'O')");
            st.execute("INSERT INTO product (gtin, org_id, name) VALUES ('09506000134352', 'o', 'P')");
            st.execute("INSERT INTO lot (gtin, lot, org_id) VALUES ('09506000134352', 'L1', 'o')");
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Gives the same bytes for the first {@code repeats} draws, then real randomness. */
    private static SecureRandom repeating(int repeats) {
        AtomicInteger draws = new AtomicInteger();
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (draws.getAndIncrement() < repeats) {
                    java.util.Arrays.fill(bytes, (byte) 7);
                } else {
                    super.nextBytes(bytes);
                }
            }
        };
    }

    @Test
    void collidingSerialsAreDrawnAgain() throws Exception {
        ItemIssuer issuer = new ItemIssuer(db, new ItemSerial(repeating(25)), "https://id.example.com");
        List<Item> first = issuer.issue(LOT, 10, null); // 10 identical draws: 1 stored, 9 redrawn
        assertEquals(10, first.size());
        List<Item> second = new ItemIssuer(db, new ItemSerial(repeating(5)), "https://id.example.com")
                .issue(LOT, 5, null); // all 5 collide with the stored one
        assertEquals(5, second.size());
        Set<String> serials = new HashSet<>();
        first.forEach(i -> serials.add(i.serial()));
        second.forEach(i -> assertTrue(serials.add(i.serial()), i.serial()));
        assertEquals(15, new ItemStore(db).count(LOT));
    }
}
