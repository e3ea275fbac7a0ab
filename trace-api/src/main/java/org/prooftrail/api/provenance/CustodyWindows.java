package org.prooftrail.api.provenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;

/**
 * Custody windows: each event of the goods themselves (item, lot, container) that puts them at a
 * location (bizLocation, else readPoint) starts a window that lasts until the next such event at
 * another location, or until {@code end} (dispensing, or now). Events of inputs (the farm before a
 * transformation) do not count: the product's rule applies from the product's own start. The
 * readings of devices whose {@code device.location} is that location during the window apply.
 */
public final class CustodyWindows {
    /** Readings per device and window kept for the verdict; a window of a year at 1/min is ~525k. */
    static final int MAX_READINGS = 50_000;

    private CustodyWindows() {
    }

    /** Pure: the windows the events describe, merged when consecutive events stay at one place. */
    public static List<CustodyWindow> windows(List<TimelineEvent> events, Instant end, boolean open) {
        List<CustodyWindow> out = new ArrayList<>();
        String at = null;
        Instant since = null;
        for (TimelineEvent e : events) {
            if ("input".equals(e.via()) || e.location() == null || !e.time().isBefore(end)) {
                continue;
            }
            if (e.location().equals(at)) {
                continue;
            }
            if (at != null && e.time().isAfter(since)) {
                out.add(new CustodyWindow(at, since, e.time(), false, List.of()));
            }
            at = e.location();
            since = e.time();
        }
        if (at != null && end.isAfter(since)) {
            out.add(new CustodyWindow(at, since, end, open, List.of()));
        }
        return out;
    }

    /** The devices at each window's location, and their temperature readings during it. */
    public static List<Series> readings(Connection c, List<CustodyWindow> windows, List<CustodyWindow> withDevices)
            throws SQLException {
        List<Series> series = new ArrayList<>();
        try (PreparedStatement devices = c.prepareStatement("SELECT id FROM device WHERE location = ? ORDER BY id");
             PreparedStatement readings = c.prepareStatement("SELECT time, temperature_c FROM reading WHERE device_id = ? "
                     + "AND time >= ? AND time < ? AND temperature_c IS NOT NULL ORDER BY time LIMIT " + MAX_READINGS)) {
            for (CustodyWindow w : windows) {
                List<String> ids = new ArrayList<>();
                devices.setString(1, w.location());
                try (ResultSet rs = devices.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                withDevices.add(new CustodyWindow(w.location(), w.from(), w.to(), w.open(), List.copyOf(ids)));
                for (String device : ids) {
                    readings.setString(1, device);
                    readings.setTimestamp(2, Timestamp.from(w.from()));
                    readings.setTimestamp(3, Timestamp.from(w.to()));
                    List<Sample> samples = new ArrayList<>();
                    try (ResultSet rs = readings.executeQuery()) {
                        while (rs.next()) {
                            samples.add(new Sample(rs.getTimestamp(1).toInstant(), rs.getDouble(2)));
                        }
                    }
                    series.add(new Series(device, w.location(), w.from(), w.to(), samples));
                }
            }
        }
        return series;
    }
}
