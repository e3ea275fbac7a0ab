package org.prooftrail.store.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The one writer of {@code organisation}.
 *
 * <p>Conflict rule: an id names one organisation for good, and no registration changes an existing row.
 * {@link #create} is the admin's registration: a second create of the same id is a {@link RegistryConflict}
 * (the API answers 409), so two admins cannot overwrite each other's organisation. {@link #ensure} is for
 * set-ups that are re-run (the demo, the simulator, the operator command, tests): an organisation already
 * registered under the same name is accepted as it is; under another name it is the same conflict, because
 * silently renaming would change who every stored envelope of that organisation appears to come from.
 */
public final class Organisations {
    private final DataSource db;

    public Organisations(DataSource db) {
        this.db = db;
    }

    /** Registers a new organisation; refuses an id that is taken. {@code gln} may be null. */
    public Organisation create(String id, String name, String gln) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO organisation (id, name, gln) VALUES (?, ?, ?) "
                     + "ON CONFLICT (id) DO NOTHING RETURNING created_at")) {
            st.setString(1, id);
            st.setString(2, name);
            st.setString(3, gln);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new RegistryConflict("id", "organisation '" + id + "' is already registered");
                }
                return new Organisation(id, name, gln, rs.getTimestamp(1).toInstant());
            }
        }
    }

    /**
     * Registers the organisation unless it exists under the same name.
     *
     * @return true when it was registered now, false when it was there already
     * @throws RegistryConflict when the id is registered under another name
     */
    public boolean ensure(String id, String name) throws SQLException {
        return ensure(id, name, null);
    }

    /**
     * As {@link #ensure(String, String)}, registering a new organisation with its GLN (may be null): the GLN
     * by which shipping events name it as a destination. An existing row keeps the GLN it has.
     */
    public boolean ensure(String id, String name, String gln) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO organisation (id, name, gln) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                st.setString(1, id);
                st.setString(2, name);
                st.setString(3, gln);
                if (st.executeUpdate() == 1) {
                    return true;
                }
            }
            String existing = name(c, id);
            if (!name.equals(existing)) {
                throw new RegistryConflict("id", "organisation '" + id + "' is already registered as '" + existing
                        + "', not '" + name + "'");
            }
            return false;
        }
    }

    public boolean exists(String id) throws SQLException {
        try (Connection c = db.getConnection()) {
            return name(c, id) != null;
        }
    }

    /** Every organisation, by id. */
    public List<Organisation> all() throws SQLException {
        List<Organisation> orgs = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT id, name, gln, created_at FROM organisation ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                orgs.add(new Organisation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
            }
        }
        return orgs;
    }

    private static String name(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT name FROM organisation WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
