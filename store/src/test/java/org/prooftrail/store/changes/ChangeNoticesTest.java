package org.prooftrail.store.changes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.store.Database;
import org.prooftrail.embedded.testing.TestServices;

/**
 * Change notices reach a listener when the writer commits, never for a rolled-back transaction;
 * registry statements announce "everything" by trigger; large announcements are split under
 * PostgreSQL's payload limit and read back whole.
 */
class ChangeNoticesTest {
    private static DatabaseSettings settings;
    private static Database db;
    private static final List<ChangeNotices.Notice> got = new CopyOnWriteArrayList<>();
    private static final List<Boolean> live = new CopyOnWriteArrayList<>();
    private static ChangeListener listener;

    @BeforeAll
    static void open() {
        settings = TestServices.freshDatabase();
        db = Database.open(settings);
        db.migrate();
        listener = new ChangeListener(settings, new ChangeListener.Receiver() {
            @Override
            public void notice(ChangeNotices.Notice n) {
                got.add(n);
            }

            @Override
            public void live(boolean listening) {
                live.add(listening);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> live.contains(true));
    }

    @AfterAll
    static void close() {
        listener.close();
        db.close();
    }

    private static Set<String> codesReceived() {
        Set<String> codes = new HashSet<>();
        got.forEach(n -> codes.addAll(n.codes()));
        return codes;
    }

    @Test
    void aCommittedAnnouncementArrivesAndARolledBackOneNever() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            ChangeNotices.announce(c, List.of("urn:rolled-back"), List.of("dev-rolled-back"));
            c.rollback();
            ChangeNotices.announce(c, List.of("urn:epc:id:sgtin:0614141.112345.1"), List.of("dev-committed"));
            c.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> codesReceived().contains("urn:epc:id:sgtin:0614141.112345.1"));
        assertFalse(codesReceived().contains("urn:rolled-back"));
        assertTrue(got.stream().anyMatch(n -> n.devices().contains("dev-committed")));
        assertTrue(got.stream().noneMatch(n -> n.devices().contains("dev-rolled-back")));
    }

    @Test
    void aRegistryStatementAnnouncesEverythingEvenWhenItChangesNoRow() throws SQLException {
        int before = (int) got.stream().filter(ChangeNotices.Notice::everything).count();
        try (Connection c = db.connection(); var st = c.createStatement()) {
            st.execute("UPDATE product SET name = name WHERE gtin = 'none'");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().filter(ChangeNotices.Notice::everything).count() > before);
    }

    @Test
    void manyCodesAreSplitUnderThePayloadLimitAndAllArrive() throws SQLException {
        List<String> codes = IntStream.range(0, 2_000).mapToObj(i -> "https://id.example.com/01/09506000134352/21/S" + i).toList();
        List<String> payloads = ChangeNotices.payloads(codes, List.of("d1"));
        assertTrue(payloads.size() > 1, "split: " + payloads.size());
        payloads.forEach(p -> assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= ChangeNotices.MAX_PAYLOAD));
        try (Connection c = db.connection()) {
            ChangeNotices.announce(c, codes, List.of("d1"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> codesReceived().containsAll(codes));
    }

    @Test
    void payloadsReadBackAsTheyWereAnnounced() {
        ChangeNotices.Notice n = ChangeNotices.Notice.parse(ChangeNotices.payloads(List.of("a", "b c"), List.of("dev-1")).get(0));
        assertFalse(n.everything());
        assertEquals(Set.of("a", "b c"), n.codes());
        assertEquals(Set.of("dev-1"), n.devices());
        assertTrue(ChangeNotices.Notice.parse("r").everything());
        assertTrue(ChangeNotices.Notice.parse("x-unknown-kind").everything(), "an unknown line is read as everything");
        assertEquals(new ArrayList<>(), ChangeNotices.payloads(List.of(), List.of()));
    }
}
