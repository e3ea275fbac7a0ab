package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;

/**
 * The readings that apply to goods in custody: the devices whose {@code device.location} is a
 * custody window's location, and their temperature readings during the window, each with its
 * envelope's seq. One statement answers every window asked (of one journey or of a page of lots),
 * and with them the names of the places ({@link LocationNames}' rule), so that a journey needs no
 * further query.
 */
public final class CustodyReadings {
    /** Readings per device and window kept for the verdict; a window of a year at 1/min is ~525k. */
    public static final int MAX_READINGS = 50_000;

    // kind 0: a device at a window's location; 1: one of its readings in the window (time as epoch
    // microseconds: decoding a timestamp's text was a visible share of a lookup's CPU); 2: a place's name.
    // No ORDER BY: each device's readings come in time order from its index, devices are sorted here,
    // and sorting the ~1,200 rows of a journey took a third of the statement's time (EXPLAIN ANALYZE).
    static final String SQL = "WITH w AS (SELECT * FROM unnest(?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[]) "
            + "AS w(i, location, t0, t1)), d AS (SELECT w.i, w.t0, w.t1, d.id, d.org_id FROM w JOIN device d ON d.location = w.location), "
            + "l AS (SELECT * FROM unnest(?::text[], ?::text[]) AS l(location, gln)) "
            + "SELECT 0 AS kind, d.i, d.id AS what, NULL::bigint AS time, NULL::float8 AS celsius, NULL::bigint AS seq, "
            + "d.org_id AS name, (SELECT gln FROM organisation WHERE id = d.org_id) AS gln FROM d "
            + "UNION ALL SELECT 1, d.i, d.id, (EXTRACT(EPOCH FROM r.time) * 1000000)::bigint, r.temperature_c, v.seq, NULL, NULL "
            + "FROM d CROSS JOIN LATERAL "
            + "(SELECT r.time, r.temperature_c, r.envelope_id FROM reading r WHERE r.device_id = d.id AND r.time >= d.t0 "
            + "AND r.time < d.t1 AND r.temperature_c IS NOT NULL ORDER BY r.time LIMIT " + MAX_READINGS + ") r "
            + "JOIN envelope v ON v.id = r.envelope_id "
            + "UNION ALL SELECT 2, NULL, l.location, NULL, NULL, NULL, coalesce(g.name, o.name), NULL FROM l "
            + "LEFT JOIN LATERAL (SELECT min(name) AS name FROM organisation WHERE gln = l.gln "
            + "HAVING count(DISTINCT name) = 1) g ON true "
            + "LEFT JOIN LATERAL (SELECT min(o.name) AS name FROM device d JOIN organisation o ON o.id = d.org_id "
            + "WHERE d.location = l.location HAVING count(DISTINCT o.id) = 1) o ON true "
            + "WHERE coalesce(g.name, o.name) IS NOT NULL";

    /**
     * @param windows  the windows asked about, each with the devices found at its location
     * @param readings one series per window and device, in window and device order
     * @param places   location URI to name, for the places asked about that have one
     */
    public record Found(List<CustodyWindow> windows, List<Series> readings, Map<String, String> places,
                        Map<String, DeviceOrg> deviceOrgs) {
    }

    /**
     * The organisation a device belongs to, with its GLN (may be null): whose readings they are, for the
     * write rule ({@link org.prooftrail.core.custody.WriteRights#readingsCount}).
     */
    public record DeviceOrg(String org, String gln) {
    }

    private CustodyReadings() {
    }

    private static java.time.Instant micros(long micros) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** The devices at each window's location, and their temperature readings during it. */
    public static Found during(Connection c, List<CustodyWindow> windows) throws SQLException {
        return during(c, windows, List.of());
    }

    /**
     * The devices at each window's location, their temperature readings during it, and the names of
     * {@code places} (any locations, e.g. those of the journey's events). No statement when both are empty.
     */
    public static Found during(Connection c, List<CustodyWindow> windows, Collection<String> places) throws SQLException {
        Set<String> wanted = new LinkedHashSet<>();
        places.stream().filter(p -> p != null).forEach(wanted::add);
        Map<String, String> names = new HashMap<>();
        Map<String, DeviceOrg> orgs = new HashMap<>();
        List<List<String>> devices = new ArrayList<>();
        List<Map<String, List<Sample>>> samples = new ArrayList<>();
        windows.forEach(w -> {
            devices.add(new ArrayList<>());
            samples.add(new HashMap<>());
        });
        if (!windows.isEmpty() || !wanted.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement(SQL)) {
                Object[] idx = new Object[windows.size()];
                Object[] loc = new Object[windows.size()];
                Object[] from = new Object[windows.size()];
                Object[] to = new Object[windows.size()];
                for (int i = 0; i < windows.size(); i++) {
                    idx[i] = i;
                    loc[i] = windows.get(i).location();
                    from[i] = Timestamp.from(windows.get(i).from());
                    to[i] = Timestamp.from(windows.get(i).to());
                }
                st.setArray(1, c.createArrayOf("int4", idx));
                st.setArray(2, c.createArrayOf("text", loc));
                st.setArray(3, c.createArrayOf("timestamptz", from));
                st.setArray(4, c.createArrayOf("timestamptz", to));
                st.setArray(5, c.createArrayOf("text", wanted.toArray()));
                st.setArray(6, c.createArrayOf("text", wanted.stream().map(LocationNames::gln).toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getInt(1)) {
                            case 0 -> {
                                devices.get(rs.getInt(2)).add(rs.getString(3));
                                orgs.put(rs.getString(3), new DeviceOrg(rs.getString(7), rs.getString(8)));
                            }
                            case 1 -> samples.get(rs.getInt(2)).computeIfAbsent(rs.getString(3), d -> new ArrayList<>())
                                    .add(new Sample(micros(rs.getLong(4)), rs.getDouble(5), rs.getLong(6)));
                            default -> names.put(rs.getString(3), rs.getString(7));
                        }
                    }
                }
            }
        }
        devices.forEach(java.util.Collections::sort);
        List<CustodyWindow> withDevices = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            CustodyWindow w = windows.get(i);
            withDevices.add(new CustodyWindow(w.location(), w.from(), w.to(), w.open(), List.copyOf(devices.get(i))));
            for (String device : devices.get(i)) {
                series.add(new Series(device, w.location(), w.from(), w.to(),
                        samples.get(i).getOrDefault(device, List.of())));
            }
        }
        return new Found(withDevices, series, names, orgs);
    }
}
