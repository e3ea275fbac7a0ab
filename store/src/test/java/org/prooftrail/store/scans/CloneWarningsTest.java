package org.prooftrail.store.scans;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.alerts.Alert;
import org.prooftrail.store.alerts.AlertFilter;
import org.prooftrail.store.alerts.Alerts;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;

/**
 * Clone warnings on a real PostgreSQL: the scan writer's batch that makes a pack's distinct regions reach
 * the threshold raises one alert for the product's owner, never a second one (further regions, a second
 * replica writing at the same moment), and lots and products seen everywhere raise none.
 */
class CloneWarningsTest {
    private static final String GTIN = "09506000134369";
    private static final int THRESHOLD = 3;
    private static Database db;
    private static Alerts alerts;
    private static Items items;
    private static Lot lot;

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        alerts = new Alerts(db.dataSource());
        items = new Items(db.dataSource());
        Organisations orgs = new Organisations(db.dataSource());
        orgs.ensure("maker", "Maker Pharma");
        orgs.ensure("other", "Other Pharma");
        new Products(db.dataSource()).create(new NewProduct(GTIN, "maker", "P", null, null, null, null, null, null));
        lot = new Lots(db.dataSource()).create(new Product(GTIN, "maker", null), "L1", null, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void anItemReachingTheThresholdRaisesOneAlertForItsOwnerAndFurtherRegionsNone() throws Exception {
        String serial = "CW+1"; // the subject is the Digital Link path, percent-encoded as every pack alert's
        String subject = "/01/" + GTIN + "/10/L1/21/CW%2B1";
        register(serial);
        try (ScanLog log = new ScanLog(db, THRESHOLD)) {
            scan(log, serial, "DE");
            scan(log, serial, "FR");
            scan(log, serial, "unknown"); // not a region
            log.flush();
            assertEquals(List.of(), cloneWarnings(subject), "two regions are below the threshold of three");

            scan(log, serial, "FR");
            scan(log, serial, "US");
            log.flush();
            Instant[] span = span(serial);
            List<Alert> raised = cloneWarnings(subject);
            assertEquals(1, raised.size(), raised.toString());
            Alert a = raised.get(0);
            assertEquals("maker", a.orgId(), "the organisation owning the product");
            String details = a.details();
            for (String fact : List.of("\"gtin\": \"" + GTIN + "\"", "\"lot\": \"L1\"", "\"serial\": \"CW+1\"",
                    "\"regions\": \"DE,FR,US\"", "\"lookups\": \"5\"", "\"firstAt\": \"" + span[0] + "\"",
                    "\"lastAt\": \"" + span[1] + "\"", "\"threshold\": \"3\"")) {
                assertTrue(details.contains(fact), fact + " in " + details);
            }
            assertEquals(1, log.cloneWarnings());

            scan(log, serial, "JP");
            scan(log, serial, "DE");
            log.flush();
            assertEquals(1, cloneWarnings(subject).size(), "a fourth region raises no second alert");
            assertEquals(1, log.cloneWarnings());
        }
        try (ScanLog restarted = new ScanLog(db, THRESHOLD)) {
            scan(restarted, serial, "KR");
            restarted.flush();
            assertEquals(1, cloneWarnings(subject).size(), "nor does a fifth after a restart");
            assertEquals(0, restarted.cloneWarnings());
        }
    }

    @Test
    void aLotOrAProductLookedUpFromEverywhereRaisesNothing() throws Exception {
        try (ScanLog log = new ScanLog(db, THRESHOLD)) {
            for (String region : List.of("DE", "FR", "US", "JP", "KR")) {
                log.record(StoredScans.NONE, GTIN, "L1", "", region, null);
                log.record(StoredScans.NONE, GTIN, "", "", region, null);
            }
            log.flush();
            assertEquals(0, log.cloneWarnings());
        }
        assertEquals(List.of(), alerts.page(new AlertFilter(null, CloneWarnings.KIND, null, null, null, 1000)).stream()
                .filter(a -> !a.subject().contains("/21/")).toList(), "no alert names a lot or a product");
    }

    /**
     * Two replicas write the scans that make the same packs reach the threshold while a third
     * transaction holds the first pack's summary: both statements start from the summary before either
     * batch, so both find every pack crossing, and only the alert table's index keeps it to one each.
     */
    @Test
    void twoReplicasWritingTheCrossingScansAtOnceRaiseOneAlertPerPack() throws Exception {
        List<String> serials = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            serials.add("RACE-" + i);
            register("RACE-" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ScanLog a = new ScanLog(db, THRESHOLD); ScanLog b = new ScanLog(db, THRESHOLD)) {
            for (String s : serials) {
                scan(a, s, "DE");
                scan(a, s, "FR");
            }
            a.flush();
            for (String s : serials) {
                scan(a, s, "US");
                scan(b, s, "JP");
            }
            Future<?> fa;
            Future<?> fb;
            try (Connection holder = db.connection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement st = holder.prepareStatement(
                        "SELECT 1 FROM scan_summary WHERE gtin = ? AND serial = ? AND lot = '' FOR UPDATE")) {
                    st.setString(1, GTIN);
                    st.setString(2, serials.get(0));
                    st.executeQuery().close();
                }
                fa = pool.submit(() -> {
                    a.flush();
                    return null;
                });
                fb = pool.submit(() -> {
                    b.flush();
                    return null;
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks() == 2);
                holder.commit();
            }
            fa.get();
            fb.get();
            for (String s : serials) {
                assertEquals(1, cloneWarnings("/01/" + GTIN + "/10/L1/21/" + s).size(), s);
            }
            assertEquals(serials.size(), a.cloneWarnings() + b.cloneWarnings(), "each raised alert counted once");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void register(String serial) throws SQLException {
        items.add(lot, List.of(new NewItem(serial, "https://id.example.com/01/" + GTIN + "/10/L1/21/" + serial, null)));
    }

    private static void scan(ScanLog log, String serial, String region) {
        log.record(StoredScans.NONE, GTIN, "L1", serial, region, null);
    }

    /** The first and last stored lookups of an item. */
    private static Instant[] span(String serial) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT min(scanned_at), max(scanned_at) FROM scan WHERE gtin = ? AND serial = ?")) {
            st.setString(1, GTIN);
            st.setString(2, serial);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()};
            }
        }
    }

    private static List<Alert> cloneWarnings(String subject) throws SQLException {
        return alerts.page(new AlertFilter(null, CloneWarnings.KIND, null, null, null, 1000)).stream()
                .filter(a -> a.subject().equals(subject)).toList();
    }

    /** The two writers' statements, each waiting for a row lock. */
    private static long waitingOnLocks() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH b AS%'");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
