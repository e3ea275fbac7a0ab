package org.prooftrail.store.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.registry.Organisations;

/**
 * The feed against the real PostgreSQL with two open transactions: an event whose transaction took a
 * lower id but commits later is neither skipped nor overtaken, as a reader of "ids past a cursor" would
 * skip it.
 */
class EventFeedTest {
    private static Database db;
    private static EventFeed feed;

    @BeforeAll
    static void open() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        feed = new EventFeed(db.dataSource());
        new Organisations(db.dataSource()).ensure("farm", "Farm");
        new Organisations(db.dataSource()).ensure("shop", "Shop");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void insert(Connection c, String eventId, String org, String bizStep) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO epcis_event (event_id, org_id, event_type, action, event_time, "
                + "event_time_zone_offset, biz_step, doc) VALUES (?, ?, 'ObjectEvent', 'OBSERVE', now(), '+00:00', ?, ?::jsonb)")) {
            st.setString(1, eventId);
            st.setString(2, org);
            st.setString(3, bizStep);
            st.setString(4, "{\"type\":\"ObjectEvent\",\"eventID\":\"" + eventId + "\"}");
            st.executeUpdate();
        }
    }

    private static List<String> ids(EventFeed.Page page) {
        return page.rows().stream().map(EventSearch.Row::eventId).toList();
    }

    @Test
    void aLateCommitIsNeitherSkippedNorOvertaken() throws Exception {
        EventFeed.Position start = feed.horizon();
        try (Connection early = db.dataSource().getConnection(); Connection late = db.dataSource().getConnection()) {
            early.setAutoCommit(false);
            late.setAutoCommit(false);
            insert(early, "urn:test:takes-the-lower-id", "farm", "shipping");
            insert(late, "urn:test:takes-the-higher-id", "farm", "shipping");
            late.commit();
            EventFeed.Page whileOpen = feed.after(new EventFilter(), null, start, 10);
            assertEquals(List.of(), ids(whileOpen), "nothing past a transaction still running");
            assertFalse(whileOpen.more());
            early.commit();
            early.setAutoCommit(true);
            late.setAutoCommit(true);
        }
        EventFeed.Page page = feed.after(new EventFilter(), null, start, 10);
        assertEquals(List.of("urn:test:takes-the-lower-id", "urn:test:takes-the-higher-id"), ids(page));
        assertEquals(List.of(), ids(feed.after(new EventFilter(), null, page.next(), 10)), "nothing twice");
    }

    @Test
    void pagesScopeAndFilters() throws Exception {
        EventFeed.Position start = feed.horizon();
        try (Connection c = db.dataSource().getConnection()) {
            for (int i = 0; i < 5; i++) {
                insert(c, "urn:test:page-" + i, i % 2 == 0 ? "farm" : "shop", i < 4 ? "shipping" : "receiving");
            }
        }
        EventFilter shipping = new EventFilter().anyOf(EventFilter.Field.BIZ_STEP, List.of("shipping"));
        EventFeed.Page first = feed.after(shipping, null, start, 2);
        assertEquals(List.of("urn:test:page-0", "urn:test:page-1"), ids(first));
        assertTrue(first.more());
        EventFeed.Page second = feed.after(shipping, null, first.next(), 2);
        assertEquals(List.of("urn:test:page-2", "urn:test:page-3"), ids(second));
        assertEquals(List.of(), ids(feed.after(shipping, null, second.next(), 2)));
        assertEquals(List.of("urn:test:page-0", "urn:test:page-2"), ids(feed.after(shipping, "farm", start, 10)),
                "an organisation's reader sees its own events only");
    }
}
