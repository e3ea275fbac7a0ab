package org.prooftrail.store.registry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;

/**
 * The one reader and writer of {@code disclosure_policy} (migration V37): which fields of its EPCIS
 * events each organisation publishes in the clear. An organisation that stored none has
 * {@link EpcisDisclosurePolicy#defaults()}.
 */
public final class DisclosurePolicies {
    private static final String COLUMNS = "org_id, public_members, public_ilmd_members, public_quantity_classes, "
            + "updated_at, updated_by";
    private final DataSource db;

    public DisclosurePolicies(DataSource db) {
        this.db = db;
    }

    /** The organisation's policy, the default when it stored none. */
    public StoredDisclosurePolicy of(String org) throws SQLException {
        try (Connection c = db.getConnection()) {
            return of(c, org);
        }
    }

    public static StoredDisclosurePolicy of(Connection c, String org) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM disclosure_policy WHERE org_id = ?")) {
            st.setString(1, org);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? row(rs) : new StoredDisclosurePolicy(org, EpcisDisclosurePolicy.defaults(), false, null, null);
            }
        }
    }

    /**
     * The policy of the organisation that owns {@code device}: what the server publishes of the device's
     * envelopes. The default for an unknown device or an organisation without a policy.
     */
    public static EpcisDisclosurePolicy ofDeviceOwner(Connection c, String device) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT p.public_members, p.public_ilmd_members, "
                + "p.public_quantity_classes FROM device d JOIN disclosure_policy p ON p.org_id = d.org_id WHERE d.id = ?")) {
            st.setString(1, device);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new EpcisDisclosurePolicy(strings(rs.getArray(1)), strings(rs.getArray(2)), rs.getBoolean(3))
                        : EpcisDisclosurePolicy.defaults();
            }
        }
    }

    /** Stores (or replaces) the organisation's policy; the caller has checked it. */
    public StoredDisclosurePolicy put(String org, EpcisDisclosurePolicy policy, String updatedBy) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO disclosure_policy (org_id, public_members, "
                     + "public_ilmd_members, public_quantity_classes, updated_by) VALUES (?, ?, ?, ?, ?) "
                     + "ON CONFLICT (org_id) DO UPDATE SET public_members = excluded.public_members, "
                     + "public_ilmd_members = excluded.public_ilmd_members, "
                     + "public_quantity_classes = excluded.public_quantity_classes, updated_at = now(), "
                     + "updated_by = excluded.updated_by RETURNING " + COLUMNS)) {
            st.setString(1, org);
            st.setArray(2, c.createArrayOf("text", policy.publicMembers().stream().sorted().toArray()));
            st.setArray(3, c.createArrayOf("text", policy.publicIlmdMembers().stream().sorted().toArray()));
            st.setBoolean(4, policy.publicQuantityClasses());
            st.setString(5, updatedBy);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return row(rs);
            }
        }
    }

    private static StoredDisclosurePolicy row(ResultSet rs) throws SQLException {
        EpcisDisclosurePolicy policy = new EpcisDisclosurePolicy(strings(rs.getArray(2)), strings(rs.getArray(3)),
                rs.getBoolean(4));
        return new StoredDisclosurePolicy(rs.getString(1), policy, true, rs.getTimestamp(5).toInstant(), rs.getString(6));
    }

    private static Set<String> strings(Array array) throws SQLException {
        return Set.of((String[]) array.getArray());
    }
}
