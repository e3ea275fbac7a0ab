package org.prooftrail.store.dispensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.alerts.Alert;
import org.prooftrail.store.alerts.AlertFilter;
import org.prooftrail.store.alerts.Alerts;
import org.prooftrail.store.journey.CodeIdentity;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;

/**
 * The one-sale rule on a real PostgreSQL: the first sale is recorded and shows in the code's identity row,
 * a second is refused with the first named and an alert raised in the same transaction, concurrent sales
 * of one pack leave exactly one sale, a withdrawn pack is refused.
 */
class DispensingsTest {
    private static final String GTIN = "09506000134352";
    private static final String GLN_A = "6901234000012";
    private static final String GLN_B = "6909876000015";
    private static Database db;
    private static Dispensings dispensings;
    private static Alerts alerts;
    private static Items items;
    private static Lot lot;

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        dispensings = new Dispensings(db.dataSource());
        alerts = new Alerts(db.dataSource());
        items = new Items(db.dataSource());
        Organisations orgs = new Organisations(db.dataSource());
        orgs.ensure("maker", "Maker Pharma");
        orgs.ensure("pharmacy-a", "Pharmacy A");
        orgs.ensure("pharmacy-b", "Pharmacy B");
        new Products(db.dataSource()).create(new NewProduct(GTIN, "maker", "P", null, null, null, null, null, "1234567"));
        lot = new Lots(db.dataSource()).create(new Product(GTIN, "maker", "1234567"), "L1", null, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static String pack(String serial) throws Exception {
        String code = "1234567" + String.format("%09d", Math.abs(serial.hashCode()) % 1_000_000_000) + "0000";
        items.add(lot, List.of(new NewItem(serial, "https://id.example.com/01/" + GTIN + "/10/L1/21/" + serial, code)));
        return code;
    }

    private static Item identity(String code) throws Exception {
        try (var c = db.connection()) {
            return CodeIdentity.itemByChinaCode(c, code).orElseThrow().item();
        }
    }

    @Test
    void theFirstSaleIsRecordedAndASecondIsRefusedWithAnAlert() throws Exception {
        String code = pack("S1");
        assertNull(identity(code).dispensing());
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        SaleOutcome.Sold sold = assertInstanceOf(SaleOutcome.Sold.class,
                dispensings.sell(PackCode.china(code), new Sale(at, "pharmacy-a", GLN_A)));
        assertEquals(at, sold.sale().soldAt());
        assertEquals("Pharmacy A", sold.sale().orgName());

        Item item = identity(code);
        assertEquals("dispensed", item.status());
        assertEquals(at, item.dispensedAt());
        assertEquals("Pharmacy A", item.dispensing().orgName());
        assertEquals(GLN_A, item.dispensing().location());

        // the same pack named by its Digital Link, sold elsewhere: refused, the first sale named, an alert raised
        SaleOutcome.AlreadySold again = assertInstanceOf(SaleOutcome.AlreadySold.class,
                dispensings.sell(PackCode.item(GTIN, "L1", "S1"), new Sale(null, "pharmacy-b", GLN_B)));
        assertEquals(at, again.first().soldAt());
        assertEquals("pharmacy-a", again.first().orgId());
        List<Alert> raised = alerts.page(new AlertFilter("maker", Dispensings.SECOND_SALE, null, null, null, 10));
        Alert alert = raised.stream().filter(a -> a.id() == again.alertId()).findFirst().orElseThrow();
        assertEquals("/01/" + GTIN + "/10/L1/21/S1", alert.subject());
        assertTrue(alert.details().contains("\"firstOrg\": \"pharmacy-a\"") && alert.details().contains("\"org\": \"pharmacy-b\"")
                && alert.details().contains("\"cnCode\": \"" + code + "\""), alert.details());
        assertEquals(at, identity(code).dispensing().at(), "the refused sale changed nothing");
    }

    @Test
    void theSameSaleReportedAgainIsNoSecondSale() throws Exception {
        String code = pack("S2");
        Instant at = Instant.parse("2026-11-30T08:00:00.123456789Z");
        assertInstanceOf(SaleOutcome.Sold.class, dispensings.sell(PackCode.china(code), new Sale(at, "pharmacy-a", GLN_A)));
        long before = alerts.page(new AlertFilter(null, null, null, null, null, 1000)).size();
        assertInstanceOf(SaleOutcome.Repeated.class, dispensings.sell(PackCode.china(code), new Sale(at, "pharmacy-a", GLN_A)));
        assertEquals(before, alerts.page(new AlertFilter(null, null, null, null, null, 1000)).size(), "a retry raises nothing");
        // the same organisation at another till time is a second sale
        assertInstanceOf(SaleOutcome.AlreadySold.class,
                dispensings.sell(PackCode.china(code), new Sale(at.plusSeconds(1), "pharmacy-a", GLN_A)));
    }

    @Test
    void concurrentSalesOfOnePackLeaveExactlyOne() throws Exception {
        String code = pack("S3");
        int sellers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(sellers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SaleOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < sellers; i++) {
                String org = i % 2 == 0 ? "pharmacy-a" : "pharmacy-b";
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return dispensings.sell(PackCode.china(code), new Sale(null, org, GLN_B));
                }));
            }
            go.countDown();
            int sold = 0;
            int refused = 0;
            for (Future<SaleOutcome> f : outcomes) {
                SaleOutcome o = f.get(30, TimeUnit.SECONDS);
                if (o instanceof SaleOutcome.Sold) {
                    sold++;
                } else if (o instanceof SaleOutcome.AlreadySold) {
                    refused++;
                }
            }
            assertEquals(1, sold);
            assertEquals(sellers - 1, refused);
        } finally {
            pool.shutdownNow();
        }
        try (var c = db.connection(); var st = c.prepareStatement("SELECT count(*) FROM dispensing WHERE serial = 'S3'");
             var rs = st.executeQuery()) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
        assertEquals(sellers - 1, alerts.page(new AlertFilter("maker", Dispensings.SECOND_SALE, null, null, null, 1000)).stream()
                .filter(a -> a.subject().endsWith("/21/S3")).count());
    }

    @Test
    void aWithdrawnPackUnknownCodeWrongLotAndUnknownSellerAreRefused() throws Exception {
        String code = pack("S4");
        items.setStatus(GTIN, "S4", "retired");
        SaleOutcome.Retired r = assertInstanceOf(SaleOutcome.Retired.class,
                dispensings.sell(PackCode.china(code), new Sale(null, "pharmacy-a", GLN_A)));
        assertNotEquals(0, r.alertId());
        assertNull(identity(code).dispensing());
        assertInstanceOf(SaleOutcome.Unknown.class, dispensings.sell(PackCode.china("99999999999999999999"),
                new Sale(null, "pharmacy-a", GLN_A)));
        assertInstanceOf(SaleOutcome.Unknown.class, dispensings.sell(PackCode.item(GTIN, "OTHER", "S4"),
                new Sale(null, "pharmacy-a", GLN_A)));
        String fresh = pack("S5");
        assertInstanceOf(SaleOutcome.UnknownSeller.class, dispensings.sell(PackCode.china(fresh),
                new Sale(null, "nobody", GLN_A)));
    }

    @Test
    void alertsPageNewestFirstByIdAndFilter() throws Exception {
        String code = pack("S6");
        dispensings.sell(PackCode.china(code), new Sale(null, "pharmacy-a", GLN_A));
        for (int i = 0; i < 3; i++) {
            dispensings.sell(PackCode.china(code), new Sale(null, "pharmacy-b", GLN_B));
        }
        List<Alert> first = alerts.page(new AlertFilter("maker", null, null, null, null, 2));
        assertEquals(2, first.size());
        assertTrue(first.get(0).id() > first.get(1).id());
        List<Alert> next = alerts.page(new AlertFilter("maker", null, null, null, first.get(1).id(), 2));
        assertTrue(next.get(0).id() < first.get(1).id());
        assertTrue(alerts.page(new AlertFilter("pharmacy-b", null, null, null, null, 10)).isEmpty(),
                "alerts concern the product's maker, not the seller");
        assertTrue(alerts.page(new AlertFilter(null, null, Instant.now().plusSeconds(60), null, null, 10)).isEmpty());
    }
}
