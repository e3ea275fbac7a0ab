package org.prooftrail.store.registry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * How an organisation's devices are doing, for the people who look after them: registration and keys,
 * when each was last heard from, envelopes received and readings measured in the last 15 minutes and
 * hour, what ingest refused in its name over the last day (by reason), and how much of its current seq
 * stream is missing.
 *
 * <p>Set-based: one statement for a page of devices, one for their keys, one for their rejections,
 * whatever the page's size. Without an index on envelope receipt time, recent envelopes are counted
 * among a device's newest {@link #ENVELOPE_SCAN} by seq (the (device_id, seq) index, backwards) and
 * only for devices heard from in the last hour; a device past that in an hour (more than about 333 a
 * minute) is reported as at least that many ({@link Rates#atLeast}). Readings are counted on the
 * (device_id, time) index by their measurement time. Rejections are read on their time index: the
 * rows of the last day, for the page's devices.
 */
public final class DeviceHealth {
    /** Newest envelopes of one device examined to count the last hour's. */
    public static final int ENVELOPE_SCAN = 20_000;
    /** The longest page of devices. */
    public static final int MAX_PAGE = 500;

    private final DataSource db;

    public DeviceHealth(DataSource db) {
        this.db = db;
    }

    /** A key as registered; {@code revokedAt} null while it is in force. */
    public record Key(String kid, String alg, String publicKeyPem, Instant createdAt, Instant revokedAt) {
    }

    /** Counts over the last 15 minutes and the last hour; {@code atLeast} when the hour's count hit the scan's bound. */
    public record Rates(long last15Minutes, long lastHour, boolean atLeast) {
    }

    /**
     * The current seq stream (since the device's first envelope or its last reset); nulls when it has
     * stored nothing since.
     *
     * @param missing envelopes between its first and highest seq that are not stored
     */
    public record Stream(Long firstSeq, Long maxSeq, Long stored, Long missing) {
    }

    /**
     * @param lastSeen    when its last envelope was stored, or null
     * @param gapAlerts   runs of missing seqs that raised an alert, ever
     * @param rejections  refusals of messages that named it, in the last day, by reason
     * @param lastRejected when the last of those was refused, or null
     */
    public record Device(String id, String org, String kind, String description, String location,
                         boolean readingsPublic, Instant registeredAt, Instant revokedAt, List<Key> keys,
                         Instant lastSeen, Stream stream, long gapAlerts, Rates envelopes, Rates readings,
                         Map<String, Long> rejections, Instant lastRejected) {
    }

    /** A page of devices in id order; {@code more} when others follow the last. */
    public record Page(List<Device> devices, boolean more) {
    }

    /**
     * @param afterId only devices whose id sorts after this (null for the first page)
     * @param limit   devices on the page, 1 to {@link #MAX_PAGE}
     */
    public Page ofOrganisation(String org, String afterId, int limit) throws SQLException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " devices, not " + limit);
        }
        List<Device> found = query("d.org_id = ? AND d.id > ? ORDER BY d.id LIMIT " + (limit + 1),
                org, afterId == null ? "" : afterId);
        boolean more = found.size() > limit;
        return new Page(more ? found.subList(0, limit) : found, more);
    }

    public Optional<Device> of(String deviceId) throws SQLException {
        return query("d.id = ?", deviceId).stream().findFirst();
    }

    private List<Device> query(String where, String... args) throws SQLException {
        String sql = """
                WITH d AS (SELECT * FROM device d WHERE %s)
                SELECT d.id, d.org_id, d.kind, d.description, d.location, d.readings_public, d.created_at, d.revoked_at,
                       coalesce(s.last_seen, (SELECT e.received_at FROM envelope e WHERE e.device_id = d.id
                                              ORDER BY e.seq DESC LIMIT 1)),
                       s.first_seq, s.max_seq, s.stored_count,
                       (SELECT count(*) FROM seq_gap_alert g WHERE g.device_id = d.id),
                       env.n15, env.n60, env.at_least, rd.n15, rd.n60
                FROM d LEFT JOIN device_stream s ON s.device_id = d.id
                LEFT JOIN LATERAL (
                    SELECT count(*) FILTER (WHERE t.received_at >= now() - interval '15 minutes') AS n15,
                           count(*) FILTER (WHERE t.received_at >= now() - interval '1 hour') AS n60,
                           count(*) = %d AND min(t.received_at) >= now() - interval '1 hour' AS at_least
                    FROM (SELECT e.received_at FROM envelope e
                          WHERE e.device_id = d.id AND s.last_seen >= now() - interval '1 hour'
                          ORDER BY e.seq DESC LIMIT %d) t) env ON true
                LEFT JOIN LATERAL (
                    SELECT count(*) FILTER (WHERE r.time >= now() - interval '15 minutes') AS n15, count(*) AS n60
                    FROM reading r WHERE r.device_id = d.id AND r.time >= now() - interval '1 hour') rd ON true
                ORDER BY d.id
                """.formatted(where, ENVELOPE_SCAN, ENVELOPE_SCAN);
        List<Device> out = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setString(i + 1, args[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Long first = (Long) rs.getObject(10);
                        Long max = (Long) rs.getObject(11);
                        Long stored = (Long) rs.getObject(12);
                        Stream stream = new Stream(first, max, stored, first == null ? null : max - first + 1 - stored);
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBoolean(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                                instant(rs.getTimestamp(9)), stream, rs.getLong(13),
                                new Rates(rs.getLong(14), rs.getLong(15), rs.getBoolean(16)),
                                new Rates(rs.getLong(17), rs.getLong(18), false)));
                    }
                }
            }
            if (rows.isEmpty()) {
                return out;
            }
            Array ids = c.createArrayOf("text", rows.stream().map(Row::id).toArray());
            Map<String, List<Key>> keys = keys(c, ids);
            Map<String, Map<String, Long>> rejections = new TreeMap<>();
            Map<String, Instant> lastRejected = new TreeMap<>();
            rejections(c, ids, rejections, lastRejected);
            for (Row r : rows) {
                out.add(new Device(r.id(), r.org(), r.kind(), r.description(), r.location(), r.readingsPublic(),
                        r.registeredAt(), r.revokedAt(), keys.getOrDefault(r.id(), List.of()), r.lastSeen(), r.stream(),
                        r.gapAlerts(), r.envelopes(), r.readings(), rejections.getOrDefault(r.id(), Map.of()),
                        lastRejected.get(r.id())));
            }
        }
        return out;
    }

    /** A device's row of the first statement, before its keys and rejections are added. */
    private record Row(String id, String org, String kind, String description, String location, boolean readingsPublic,
                       Instant registeredAt, Instant revokedAt, Instant lastSeen, Stream stream, long gapAlerts,
                       Rates envelopes, Rates readings) {
    }

    /** The keys of the devices, newest first. */
    private static Map<String, List<Key>> keys(Connection c, Array ids) throws SQLException {
        Map<String, List<Key>> keys = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT device_id, kid, alg, public_key_pem, created_at, revoked_at "
                + "FROM device_key WHERE device_id = ANY(?) ORDER BY device_id, created_at DESC, kid")) {
            st.setArray(1, ids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Key(rs.getString(2),
                            rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))));
                }
            }
        }
        return keys;
    }

    private static void rejections(Connection c, Array ids, Map<String, Map<String, Long>> counts,
                                   Map<String, Instant> last) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT device_id, reason, count(*), max(received_at) "
                + "FROM rejected_message WHERE received_at >= now() - interval '1 day' AND device_id = ANY(?) "
                + "GROUP BY device_id, reason ORDER BY device_id, reason")) {
            st.setArray(1, ids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String device = rs.getString(1);
                    counts.computeIfAbsent(device, k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                    Instant at = instant(rs.getTimestamp(4));
                    last.merge(device, at, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
