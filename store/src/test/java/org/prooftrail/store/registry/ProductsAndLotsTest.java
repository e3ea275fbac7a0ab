package org.prooftrail.store.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
        assertEquals(new ProductDetails(GTIN_A, "pharma", "Insulin", "drug", 2.0, 8.0, 30L, 60L, null, "8612345", d.createdAt(), null), d);
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
                d.createdAt(), 0, null), d);
        assertTrue(lots.find(p, "nope").isEmpty());
        assertTrue(lots.details(p, "nope").isEmpty());
        lots.create(p, "L2", null, null);
        LotDetails open = lots.details(p, "L2").orElseThrow();
        assertNull(open.producedAt());
        assertNull(open.expiresOn());
    }

    @Test
    void productsAndLotsAreEditedAndRetiredNotDeleted() throws Exception {
        String gtin = "09506000134420";
        products.create(new NewProduct(gtin, "other", "Yoghurt", "other", 2.0, 6.0, 10, 20, null));
        Product p = products.find(gtin).orElseThrow();
        lots.create(p, "Y1", null, null);
        assertTrue(products.list("other", null, 10).stream().anyMatch(s -> s.gtin().equals(gtin) && s.lotCount() == 1));
        assertTrue(products.list("pharma", null, 100).stream().noneMatch(s -> s.gtin().equals(gtin)), "another owner's");

        // the rule may change while no item is issued
        assertTrue(products.update(gtin, new ProductEdit("Yoghurt 500 g", 1.0, 6.0, 10, 20, null, false)));
        assertEquals(1.0, products.details(gtin).orElseThrow().tempMinC());
        new Items(db.dataSource()).issue(lots.find(p, "Y1").orElseThrow(), 2,
                n -> java.util.stream.IntStream.range(0, n).mapToObj(i -> new NewItem("S" + System.nanoTime() + i, "x", null)).toList());
        RegistryConflict rule = assertThrows(RegistryConflict.class,
                () -> products.update(gtin, new ProductEdit("Yoghurt 500 g", 0.0, 6.0, 10, 20, null, false)));
        assertEquals("tempMinC", rule.field());
        assertTrue(products.update(gtin, new ProductEdit("Yoghurt, 500 g", 1.0, 6.0, 10, 20, null, false)), "a new name is fine");

        assertTrue(lots.update(p, "Y1", new LotEdit(null, LocalDate.parse("2027-01-31"), true)));
        LotDetails retired = lots.details(p, "Y1").orElseThrow();
        assertEquals(LocalDate.parse("2027-01-31"), retired.expiresOn());
        assertTrue(retired.retiredAt() != null);
        RegistryConflict noItems = assertThrows(RegistryConflict.class, () -> new Items(db.dataSource())
                .issue(lots.find(p, "Y1").orElseThrow(), 1, n -> List.of(new NewItem("T1", "x", null))));
        assertTrue(noItems.getMessage().contains("retired"), noItems.getMessage());
        assertEquals(2, retired.itemCount(), "its items stay");
        assertTrue(lots.update(p, "Y1", new LotEdit(null, null, true)));
        assertEquals(retired.retiredAt(), lots.details(p, "Y1").orElseThrow().retiredAt(), "retiring again keeps the first time");

        assertTrue(products.update(gtin, new ProductEdit("Yoghurt, 500 g", 1.0, 6.0, 10, 20, null, true)));
        RegistryConflict noLots = assertThrows(RegistryConflict.class, () -> lots.create(p, "Y2", null, null));
        assertEquals("gtin", noLots.field());
        assertEquals(List.of("Y1"), lots.list(p, null, 10).stream().map(LotDetails::lot).toList());
        assertTrue(products.update(gtin, new ProductEdit("Yoghurt, 500 g", 1.0, 6.0, 10, 20, null, false)));
        assertNull(products.details(gtin).orElseThrow().retiredAt(), "reinstated");
        lots.create(p, "Y2", null, null);
        assertEquals(List.of("Y2"), lots.list(p, "Y1", 10).stream().map(LotDetails::lot).toList(), "the page after Y1");
        assertFalse(products.update("09506000134437", new ProductEdit("x", null, null, null, null, null, false)));
    }
}
