package org.prooftrail.store.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one writer of {@code device} and {@code device_key}: devices and their public keys, which ingest
 * trusts together (a key speaks for its device, the device for its organisation). Revocation is a
 * timestamp, never a delete, because stored envelopes keep naming the key that signed them.
 *
 * <p>Conflict rule, the same as {@link Organisations}': a device id belongs to one organisation and a key id
 * to one device and public key, for good; no registration changes an existing row. {@link #create} is a
 * company's registration through the API: a device id or key id that is taken is a {@link RegistryConflict}
 * (409). {@link #registerDevice} and {@link #addKey} are for set-ups that are re-run (the operator command,
 * the demo, the simulator, tests): the same device of the same organisation, or the same key of the same
 * device, is accepted as it is; anything else under a taken id is the same conflict.
 */
public final class DeviceRegistry {
    private final DataSource db;

    public DeviceRegistry(DataSource db) {
        this.db = db;
    }

    /**
     * Registers a new device with its first key, in one transaction: the key id is checked first, so a
     * request that clashes on both is told about the key; a race between two requests loses on the insert.
     */
    public void create(DeviceRegistration r) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM device_key WHERE kid = ?")) {
                    st.setString(1, r.kid());
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            throw kidTaken(r.kid());
                        }
                    }
                }
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO device (id, org_id, kind, description, location, readings_public) VALUES (?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT (id) DO NOTHING")) {
                    st.setString(1, r.id());
                    st.setString(2, r.org());
                    st.setString(3, r.kind());
                    st.setString(4, r.description());
                    st.setString(5, r.location());
                    st.setBoolean(6, r.readingsPublic());
                    if (st.executeUpdate() == 0) {
                        throw new RegistryConflict("id", "device '" + r.id() + "' is already registered");
                    }
                }
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO device_key (kid, device_id, alg, public_key_pem) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (kid) DO NOTHING")) {
                    st.setString(1, r.kid());
                    st.setString(2, r.id());
                    st.setString(3, r.alg());
                    st.setString(4, r.publicKeyPem());
                    if (st.executeUpdate() == 0) {
                        throw kidTaken(r.kid());
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static RegistryConflict kidTaken(String kid) {
        return new RegistryConflict("kid", "key id '" + kid + "' is already registered; give the key another kid");
    }

    public void registerDevice(String orgId, String deviceId, String kind) throws SQLException {
        registerDevice(orgId, deviceId, kind, null, null);
    }

    /**
     * @param description free text for people, or null
     * @param location    the EPCIS location URI where the device sits (a truck, a cold room), or null
     */
    public void registerDevice(String orgId, String deviceId, String kind, String description, String location)
            throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO device (id, org_id, kind, description, location) VALUES (?, ?, ?, ?, ?) "
                             + "ON CONFLICT (id) DO NOTHING")) {
            st.setString(1, deviceId);
            st.setString(2, orgId);
            st.setString(3, kind);
            st.setString(4, description);
            st.setString(5, location);
            st.executeUpdate();
            try (PreparedStatement owner = c.prepareStatement("SELECT org_id FROM device WHERE id = ?")) {
                owner.setString(1, deviceId);
                try (ResultSet rs = owner.executeQuery()) {
                    rs.next();
                    if (!rs.getString(1).equals(orgId)) {
                        throw new RegistryConflict("id", "device " + deviceId + " already belongs to organisation "
                                + rs.getString(1));
                    }
                }
            }
        }
    }

    /** Adds a key; the PEM must already have been parsed and checked against {@code alg}. */
    public void addKey(String deviceId, String kid, String alg, String publicKeyPem) throws SQLException {
        update("INSERT INTO device_key (kid, device_id, alg, public_key_pem) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (kid) DO NOTHING", kid, deviceId, alg, publicKeyPem);
        Optional<StoredKey> stored = findKey(kid);
        if (stored.isEmpty() || !stored.get().deviceId().equals(deviceId)
                || !stored.get().publicKeyPem().equals(publicKeyPem)) {
            throw new RegistryConflict("kid", "key id " + kid + " is already registered with another device or key");
        }
    }

    /**
     * Rotates a device's key in one transaction: the new key is added and every other key of the device
     * still in force is revoked, so ingest refuses envelopes signed with an old key within one poll of its
     * revocations (as for any revoked key). A revoked device takes no new key; a key id that is taken is
     * a conflict (409), as at registration.
     *
     * @return the key ids this rotation revoked
     * @throws java.util.NoSuchElementException when there is no such device
     */
    public List<String> rotateKey(String deviceId, String kid, String alg, String publicKeyPem) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // the device row's lock serialises two rotations of one device
                try (PreparedStatement st = c.prepareStatement("SELECT revoked_at IS NOT NULL FROM device WHERE id = ? FOR UPDATE")) {
                    st.setString(1, deviceId);
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            throw new java.util.NoSuchElementException("no device '" + deviceId + "'");
                        }
                        if (rs.getBoolean(1)) {
                            throw new RegistryConflict("device", "device '" + deviceId + "' is revoked; it takes no new key");
                        }
                    }
                }
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO device_key (kid, device_id, alg, public_key_pem) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (kid) DO NOTHING")) {
                    st.setString(1, kid);
                    st.setString(2, deviceId);
                    st.setString(3, alg);
                    st.setString(4, publicKeyPem);
                    if (st.executeUpdate() == 0) {
                        throw kidTaken(kid);
                    }
                }
                List<String> revoked = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("UPDATE device_key SET revoked_at = now() "
                        + "WHERE device_id = ? AND kid <> ? AND revoked_at IS NULL RETURNING kid")) {
                    st.setString(1, deviceId);
                    st.setString(2, kid);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            revoked.add(rs.getString(1));
                        }
                    }
                }
                c.commit();
                return revoked;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public boolean revokeKey(String kid) throws SQLException {
        return update("UPDATE device_key SET revoked_at = now() WHERE kid = ? AND revoked_at IS NULL", kid) > 0;
    }

    public boolean revokeDevice(String deviceId) throws SQLException {
        return update("UPDATE device SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", deviceId) > 0;
    }

    /** The organisation owning a device, if the device is registered. */
    public Optional<String> deviceOwner(String deviceId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT org_id FROM device WHERE id = ?")) {
            st.setString(1, deviceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Optional<StoredKey> findKey(String kid) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT k.kid, k.device_id, d.org_id, k.alg, k.public_key_pem, "
                             + "(k.revoked_at IS NOT NULL OR d.revoked_at IS NOT NULL) "
                             + "FROM device_key k JOIN device d ON d.id = k.device_id WHERE k.kid = ?")) {
            st.setString(1, kid);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)));
            }
        }
    }

    /** Key ids revoked (directly or through their device) at or after {@code since}, and the database's now. */
    public Revocations revokedSince(Instant since) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT k.kid, now() FROM device_key k JOIN device d ON d.id = k.device_id "
                             + "WHERE k.revoked_at >= ? OR d.revoked_at >= ? "
                             + "UNION ALL SELECT NULL, now()")) {
            Timestamp ts = Timestamp.from(since);
            st.setTimestamp(1, ts);
            st.setTimestamp(2, ts);
            List<String> kids = new ArrayList<>();
            Instant now = since;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        kids.add(rs.getString(1));
                    }
                    now = rs.getTimestamp(2).toInstant();
                }
            }
            return new Revocations(kids, now);
        }
    }

    /** Key ids revoked in a time range, with the database time the query saw. */
    public record Revocations(List<String> kids, Instant asOf) {
    }

    private int update(String sql, String... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }
}
