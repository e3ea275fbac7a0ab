package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;

/**
 * The readings that apply to goods in custody: the devices whose {@code device.location} is a
 * custody window's location, and their temperature readings during the window.
 */
public final class CustodyReadings {
    /** Readings per device and window kept for the verdict; a window of a year at 1/min is ~525k. */
    public static final int MAX_READINGS = 50_000;

    /**
     * @param windows  the windows asked about, each with the devices found at its location
     * @param readings one series per window and device, in window and device order
     */
    public record Found(List<CustodyWindow> windows, List<Series> readings) {
    }

    private CustodyReadings() {
    }

    /** The devices at each window's location, and their temperature readings during it. */
    public static Found during(Connection c, List<CustodyWindow> windows) throws SQLException {
        List<CustodyWindow> withDevices = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        try (PreparedStatement devices = c.prepareStatement("SELECT id FROM device WHERE location = ? ORDER BY id");
             PreparedStatement readings = c.prepareStatement("SELECT r.time, r.temperature_c, v.seq FROM reading r JOIN envelope v ON v.id = r.envelope_id "
                     + "WHERE r.device_id = ? AND r.time >= ? AND r.time < ? AND r.temperature_c IS NOT NULL ORDER BY r.time LIMIT " + MAX_READINGS)) {
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
                            samples.add(new Sample(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getLong(3)));
                        }
                    }
                    series.add(new Series(device, w.location(), w.from(), w.to(), samples));
                }
            }
        }
        return new Found(withDevices, series);
    }
}
