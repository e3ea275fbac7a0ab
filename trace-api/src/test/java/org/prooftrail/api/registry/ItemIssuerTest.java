package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.identifiers.ItemSerial;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.registry.Item;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;

/** Collisions are retried: a generator that repeats itself still yields the requested number of items. */
class ItemIssuerTest {
    private static Database db;
    private static final Lot LOT = new Lot(new Product("09506000134352", "o", null), "L1", null);

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        new Organisations(db.dataSource()).create("o", "O", null);
        new Products(db.dataSource()).create(new NewProduct("09506000134352", "o", "P", null, null, null, null, null, null));
        new Lots(db.dataSource()).create(LOT.product(), "L1", null, null);
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
        ItemIssuer issuer = new ItemIssuer(new Items(db.dataSource()), new ItemSerial(repeating(25)), "https://id.example.com");
        List<Item> first = issuer.issue(LOT, 10, null); // 10 identical draws: 1 stored, 9 redrawn
        assertEquals(10, first.size());
        List<Item> second = new ItemIssuer(new Items(db.dataSource()), new ItemSerial(repeating(5)), "https://id.example.com")
                .issue(LOT, 5, null); // all 5 collide with the stored one
        assertEquals(5, second.size());
        Set<String> serials = new HashSet<>();
        first.forEach(i -> serials.add(i.serial()));
        second.forEach(i -> assertTrue(serials.add(i.serial()), i.serial()));
        assertEquals(15, new Items(db.dataSource()).count(LOT));
    }
}
