package org.prooftrail.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.prooftrail.core.config.DatabaseSettings;

/** Databases on a server, for the demo's embedded server where no operator created one. */
public final class Databases {
    private Databases() {
    }

    /**
     * Creates {@code name} on the server {@code admin} points at unless it exists.
     *
     * @return settings for the named database, with the admin's credentials and pool size
     */
    public static DatabaseSettings createIfMissing(DatabaseSettings admin, String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password())) {
            boolean exists;
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        }
        return admin.onDatabase(name);
    }
}
