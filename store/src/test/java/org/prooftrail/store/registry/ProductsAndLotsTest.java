package org.prooftrail.store.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** A GTIN, a China drug identifier and a lot number are each registered once; ensure accepts the same product. */
class ProductsAndLotsTest {
    private static final String GTIN_A = "09506000134352";
    private static final String GTIN_B = "09506000134369";
    private static final String GTIN_C = "09506000134376";
    private static Database db;
    private static Products products;
    private static Lots lots;

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        products = new Products(db.dataSource());
        lots = new Lots(db.dataSource());
        Organisations orgs = new Organisations(db.dataSource());
        orgs.ensure("pharma", "Pharma");
        orgs.ensure("other", "Other");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static NewProduct insulin(String gtin, String org, String cnDrugId) {
        return new NewProduct(gtin, org, "Insulin", "drug", 2.0, 8.0, 30, 60, cnDrugId);
    }

    @Test
    void aTakenGtinOrChinaDrugIdentifierIsAConflictNamingIt() throws Exception {
        products.create(insulin(GTIN_A, "pharma", "8612345"));
        ProductDetails d = products.details(GTIN_A).orElseThrow();
        assertEquals(new ProductDetails(GTIN_A, "pharma", "Insulin", "drug", 2.0, 8.0, 30L, 60L, null, "8612345", d.createdAt()), d);
        assertEquals(new Product(GTIN_A, "pharma", "8612345"), products.find(GTIN_A).orElseThrow());

        RegistryConflict gtin = assertThrows(RegistryConflict.class,
                () -> products.create(new NewProduct(GTIN_A, "pharma", "again", null, null, null, null, null, null)));
        assertEquals("gtin", gtin.field());
        assertEquals("GTIN " + GTIN_A + " is already registered", gtin.getMessage());
        RegistryConflict drug = assertThrows(RegistryConflict.class, () -> products.create(insulin(GTIN_B, "pharma", "8612345")));
        assertEquals("cnDrugId", drug.field());
        assertTrue(drug.getMessage().startsWith("China drug identifier 8612345"), drug.getMessage());
        assertTrue(products.find(GTIN_B).isEmpty());
        assertEquals("Insulin", products.details(GTIN_A).orElseThrow().name());
    }

    @Test
    void theLongestGapBetweenReadingsIsStoredAndReachesTheRule() throws Exception {
        String gtin = "09506000134390";
        String plain = "09506000134406";
        products.create(new NewProduct(gtin, "pharma", "Vaccine", "drug", 2.0, 8.0, 30, 60, null, 20));
        products.create(new NewProduct(plain, "pharma", "Vaccine 2", "drug", 2.0, 8.0, 30, 60, null));
        assertEquals(20L, products.details(gtin).orElseThrow().maxReadingGapMinutes());
        try (var c = db.dataSource().getConnection()) {
            assertEquals(java.time.Duration.ofMinutes(20),
                    org.prooftrail.store.journey.RegisteredCodes.product(c, gtin).orElseThrow().rule().maxGap());
            assertNull(org.prooftrail.store.journey.RegisteredCodes.product(c, plain).orElseThrow().rule().maxGap(),
                    "no setting: the default coverage rule");
        }
        assertNull(products.details(plain).orElseThrow().maxReadingGapMinutes());
    }

    @Test
    void ensureAcceptsTheSameProductOfTheSameOwnerOnly() throws Exception {
        assertTrue(products.ensure(insulin(GTIN_C, "pharma", null)));
        assertFalse(products.ensure(insulin(GTIN_C, "pharma", null)));
        RegistryConflict e = assertThrows(RegistryConflict.class, () -> products.ensure(insulin(GTIN_C, "other", null)));
        assertEquals("gtin", e.field());
        assertEquals("pharma", products.find(GTIN_C).orElseThrow().org());
        ProductDetails plain = products.details(GTIN_C).orElseThrow();
        assertNull(plain.cnDrugId());
    }

    @Test
    void aLotIsRegisteredOnceForItsProductsOwner() throws Exception {
        products.ensure(new NewProduct("09506000134383", "pharma", "Bandage", "other", null, null, null, null, null));
        Product p = products.find("09506000134383").orElseThrow();
        ProductDetails bare = products.details(p.gtin()).orElseThrow();
        assertNull(bare.tempMinC());
        assertNull(bare.maxSingleExcursionMinutes());

        Instant produced = Instant.parse("2026-11-25T08:00:00Z");
        Lot lot = lots.create(p, "L-2026/11", produced, LocalDate.parse("2027-06-30"));
        assertEquals(new Lot(p, "L-2026/11", LocalDate.parse("2027-06-30")), lot);
        assertEquals(lot, lots.find(p, "L-2026/11").orElseThrow());
        RegistryConflict e = assertThrows(RegistryConflict.class, () -> lots.create(p, "L-2026/11", null, null));
        assertEquals("lot", e.field());
        assertEquals("lot 'L-2026/11' of GTIN 09506000134383 is already registered", e.getMessage());

        LotDetails d = lots.details(p, "L-2026/11").orElseThrow();
        assertEquals(new LotDetails(p.gtin(), "L-2026/11", "pharma", produced, LocalDate.parse("2027-06-30"),
                d.createdAt(), 0), d);
        assertTrue(lots.find(p, "nope").isEmpty());
        assertTrue(lots.details(p, "nope").isEmpty());
        lots.create(p, "L2", null, null);
        LotDetails open = lots.details(p, "L2").orElseThrow();
        assertNull(open.producedAt());
        assertNull(open.expiresOn());
    }
}
