package org.prooftrail.store.scans;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/**
 * How long the scan writer's one statement takes for a full batch ({@link ScanLog#BATCH} scans) on a real
 * PostgreSQL: 10,000 registered items of 10 lots, each batch 900 item lookups (mostly from one region,
 * some from others, and 5 items a batch looked up from three new regions, so that they reach the
 * threshold), 90 lot and 10 product lookups. Not part of the test run (tag "benchmark"); run with
 * {@code ./mvnw -o -pl store test -Dtest=ScanLogWriteBenchmark -Dpt.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (PT_TEST_DB_URL for the machine's own database). It prints
 * its figures; it asserts nothing about speed.
 */
@Tag("benchmark")
class ScanLogWriteBenchmark {
    private static final String GTIN = "00614141000036";
    private static final int ITEMS = 10_000;
    private static final int WARMUP = 10;
    private static final int ROUNDS = 50;
    private static final String[] ELSEWHERE = {"DE", "FR", "US", "GB", "JP", "KR", "IN", "BR", "AU", "CA"};

    @Test
    void aFullBatch() throws SQLException {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            seed(db);
            Random random = new Random(17);
            int crossing = 0;
            List<Long> millis = new ArrayList<>();
            try (ScanLog log = new ScanLog(db, 3)) {
                for (int round = 0; round < WARMUP + ROUNDS; round++) {
                    for (int i = 0; i < 900 - 15; i++) {
                        String region = random.nextInt(100) < 97 ? "CN" : ELSEWHERE[random.nextInt(ELSEWHERE.length)];
                        int n = random.nextInt(ITEMS);
                        log.record(StoredScans.NONE, GTIN, lot(n), serial(n), region, null);
                    }
                    for (int k = 0; k < 5; k++, crossing++) {
                        int n = (crossing * 7919) % ITEMS;
                        for (int r = 0; r < 3; r++) {
                            log.record(StoredScans.NONE, GTIN, lot(n), serial(n), "X" + (crossing % 1000) + "-" + r, null);
                        }
                    }
                    for (int i = 0; i < 90; i++) {
                        log.record(StoredScans.NONE, GTIN, lot(random.nextInt(ITEMS)), "", ELSEWHERE[random.nextInt(5)], null);
                    }
                    for (int i = 0; i < 10; i++) {
                        log.record(StoredScans.NONE, GTIN, "", "", "CN", null);
                    }
                    long start = System.nanoTime();
                    log.flush();
                    long took = (System.nanoTime() - start) / 1_000_000;
                    if (round >= WARMUP) {
                        millis.add(took);
                    }
                }
                Collections.sort(millis);
                System.out.printf("ScanLog write of %d scans, %d rounds: median %d ms, p90 %d ms, max %d ms; %d written, %d clone-warning alerts%n",
                        ScanLog.BATCH, ROUNDS, millis.get(ROUNDS / 2), millis.get(ROUNDS * 9 / 10), millis.get(ROUNDS - 1),
                        log.written(), alerts(db));
            }
        }
    }

    private static String lot(int n) {
        return "L" + (n % 10);
    }

    private static String serial(int n) {
        return "S" + n;
    }

    private static void seed(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO organisation (id, name) VALUES ('bench-maker', 'Bench Maker')");
            st.execute("INSERT INTO product (gtin, org_id, name) VALUES ('" + GTIN + "', 'bench-maker', 'Bench')");
            st.execute("INSERT INTO lot (gtin, lot, org_id) SELECT '" + GTIN + "', 'L' || n, 'bench-maker' FROM generate_series(0, 9) n");
            st.execute("INSERT INTO item (gtin, serial, lot, digital_link) SELECT '" + GTIN + "', 'S' || n, 'L' || (n % 10), "
                    + "'https://id.example.com/01/" + GTIN + "/10/L' || (n % 10) || '/21/S' || n FROM generate_series(0, " + (ITEMS - 1) + ") n");
        }
    }

    private static long alerts(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM alert WHERE kind = 'clone-warning'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
