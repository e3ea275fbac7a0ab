package org.prooftrail.api.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.prooftrail.store.Database;

/** Existence checks that turn foreign-key failures into problems a caller can act on. */
final class OrganisationLookup {
    private final Database db;

    OrganisationLookup(Database db) {
        this.db = db;
    }

    /** Refuses (422) when the organisation is not registered; {@code field} names where it came from, or null. */
    void require(String org, String field) throws SQLException {
        if (one("SELECT id FROM organisation WHERE id = ?", org) == null) {
            throw new Refusal(422, field, "organisation '" + org + "' is not registered; an admin registers it with POST /v1/orgs");
        }
    }

    /** The organisation owning a device, or null. */
    String deviceOwner(String deviceId) throws SQLException {
        return one("SELECT org_id FROM device WHERE id = ?", deviceId);
    }

    private String one(String sql, String arg) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
