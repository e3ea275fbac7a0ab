package org.prooftrail.store.subscriptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.store.epcis.EventFeed;

/**
 * The delivery side of subscriptions: leases on subscriptions (one server works on one at a time), the
 * outbox of query documents (table epcis_subscription_delivery, its only writer) and the feed cursors.
 * A document enters the outbox in the same transaction that moves its subscription's cursor past its
 * events, so a crash between the two cannot lose or repeat them. Blocking.
 */
public final class SubscriptionOutbox {
    private final DataSource db;

    public SubscriptionOutbox(DataSource db) {
        this.db = db;
    }

    /**
     * Leases up to {@code limit} subscriptions no other server holds, with their query definitions.
     * A lease runs out by itself, so a server that died mid-way holds nothing for long.
     */
    public List<Subscription> claim(Duration lease, int limit) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "WITH free AS (SELECT id FROM epcis_subscription WHERE leased_until IS NULL OR leased_until <= clock_timestamp() "
                        + "ORDER BY leased_until NULLS FIRST LIMIT ? FOR UPDATE SKIP LOCKED), "
                        + "taken AS (UPDATE epcis_subscription s SET leased_until = clock_timestamp() + ?::interval "
                        + "FROM free WHERE s.id = free.id RETURNING s.*) "
                        + "SELECT " + Subscriptions.COLUMNS + ", q.query::text FROM taken s "
                        + "JOIN epcis_named_query q ON q.scope = s.scope AND q.name = s.query_name")) {
            st.setInt(1, limit);
            st.setString(2, lease.toMillis() + " milliseconds");
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(Subscriptions.row(rs));
                }
            }
            return out;
        }
    }

    /**
     * Gives the lease back, so the next round may take the subscription at once. The release time stays
     * as the lease's end, so claims take the longest-waiting subscriptions first and none starves.
     */
    public void release(String subscriptionId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE epcis_subscription SET leased_until = clock_timestamp() WHERE id = ?")) {
            st.setString(1, subscriptionId);
            st.executeUpdate();
        }
    }

    /** The oldest undelivered document of a subscription, with whether it is due now. */
    public record Pending(Delivery delivery, boolean due) {
    }

    public Optional<Pending> oldest(String subscriptionId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, subscription_id, body, event_count, attempts, next_attempt_at <= clock_timestamp() "
                        + "FROM epcis_subscription_delivery WHERE subscription_id = ? ORDER BY id LIMIT 1")) {
            st.setString(1, subscriptionId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Pending(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5)), rs.getBoolean(6)));
            }
        }
    }

    /**
     * Puts a document in the outbox and moves the cursor from {@code from} to {@code to} in one
     * transaction; with {@code nextRunAt}, also sets a scheduled subscription's next run. False (and
     * nothing changed) when the cursor is no longer at {@code from} or the subscription is gone.
     *
     * @param body null to move the cursor without a document (nothing to report)
     */
    public boolean enqueue(String subscriptionId, EventFeed.Position from, EventFeed.Position to, String body, int events,
                           Instant nextRunAt) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement st = c.prepareStatement("UPDATE epcis_subscription SET cursor_tx = ?::xid8, cursor_id = ?, "
                        + "next_run_at = coalesce(?, next_run_at) WHERE id = ? AND cursor_tx = ?::xid8 AND cursor_id = ?")) {
                    st.setString(1, Long.toString(to.tx()));
                    st.setLong(2, to.id());
                    st.setTimestamp(3, nextRunAt == null ? null : Timestamp.from(nextRunAt));
                    st.setString(4, subscriptionId);
                    st.setString(5, Long.toString(from.tx()));
                    st.setLong(6, from.id());
                    if (st.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                if (body != null) {
                    try (PreparedStatement st = c.prepareStatement(
                            "INSERT INTO epcis_subscription_delivery (subscription_id, body, event_count) VALUES (?, ?, ?)")) {
                        st.setString(1, subscriptionId);
                        st.setString(2, body);
                        st.setInt(3, events);
                        st.executeUpdate();
                    }
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The receiver took the document: it leaves the outbox and the subscription notes when. */
    public void delivered(Delivery d) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM epcis_subscription_delivery WHERE id = ?");
                 PreparedStatement note = c.prepareStatement(
                         "UPDATE epcis_subscription SET last_notified_at = clock_timestamp() WHERE id = ?")) {
                del.setLong(1, d.id());
                del.executeUpdate();
                note.setString(1, d.subscriptionId());
                note.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The receiver did not take it: try again after {@code retryIn}. */
    public void failed(Delivery d, String error, Duration retryIn) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE epcis_subscription_delivery SET attempts = attempts + 1, last_error = ?, "
                        + "next_attempt_at = clock_timestamp() + ?::interval WHERE id = ?")) {
            st.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
            st.setString(2, retryIn.toMillis() + " milliseconds");
            st.setLong(3, d.id());
            st.executeUpdate();
        }
    }

    /** Documents waiting in every outbox: a gauge of receivers that are behind. */
    public long backlog() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM epcis_subscription_delivery"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
