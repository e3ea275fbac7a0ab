package org.prooftrail.store.certificates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one writer of {@code produce_certificate} and {@code produce_certificate_receipt}. Rows are
 * written inside the transaction that stores the attested event carrying them (see the API's
 * certificate feature), so a certificate is never indexed without its signed record, nor the reverse.
 */
public final class Certificates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO produce_certificate (id, org_id, gtin, lot, issued_on, event_id, content) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";
    private static final String INSERT_RECEIPT = "INSERT INTO produce_certificate_receipt (certificate_id, org_id, event_id, "
            + "received_at) VALUES (?, ?, ?, ?)";
    private static final String FIND = "SELECT pc.id, pc.org_id, pc.gtin, pc.lot, pc.issued_on, pc.event_id, pc.content::text, "
            + "pc.created_at, v.device_id, v.seq FROM produce_certificate pc JOIN epcis_event e ON e.event_id = pc.event_id "
            + "JOIN envelope v ON v.id = e.envelope_id WHERE pc.id = ?";
    private static final String RECEIPTS = "SELECT org_id, event_id, received_at FROM produce_certificate_receipt "
            + "WHERE certificate_id = ? ORDER BY received_at, event_id";

    private final DataSource db;

    public Certificates(DataSource db) {
        this.db = db;
    }

    /** Indexes an issued certificate; {@code c} is the transaction that stores its event. */
    public static void insert(Connection c, String id, String org, String gtin, String lot, LocalDate issuedOn,
                              String eventId, JsonNode content) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            st.setString(1, id);
            st.setString(2, org);
            st.setString(3, gtin);
            st.setString(4, lot);
            st.setDate(5, Date.valueOf(issuedOn));
            st.setString(6, eventId);
            st.setString(7, content.toString());
            st.executeUpdate();
        }
    }

    /** Records a receipt; {@code c} is the transaction that stores its receiving event. */
    public static void insertReceipt(Connection c, String certificateId, String org, String eventId, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT_RECEIPT)) {
            st.setString(1, certificateId);
            st.setString(2, org);
            st.setString(3, eventId);
            st.setTimestamp(4, Timestamp.from(receivedAt));
            st.executeUpdate();
        }
    }

    public Optional<StoredCertificate> find(String id) throws SQLException {
        try (Connection c = db.getConnection()) {
            String org;
            String gtin;
            String lot;
            LocalDate issuedOn;
            String eventId;
            JsonNode content;
            Instant createdAt;
            String device;
            long seq;
            try (PreparedStatement st = c.prepareStatement(FIND)) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    org = rs.getString(2);
                    gtin = rs.getString(3);
                    lot = rs.getString(4);
                    issuedOn = rs.getDate(5).toLocalDate();
                    eventId = rs.getString(6);
                    content = parse(rs.getString(7));
                    createdAt = rs.getTimestamp(8).toInstant();
                    device = rs.getString(9);
                    seq = rs.getLong(10);
                }
            }
            List<StoredCertificate.Receipt> receipts = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(RECEIPTS)) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        receipts.add(new StoredCertificate.Receipt(rs.getString(1), rs.getString(2),
                                rs.getTimestamp(3).toInstant()));
                    }
                }
            }
            return Optional.of(new StoredCertificate(id, org, gtin, lot, issuedOn, eventId, device, seq, content, createdAt,
                    receipts));
        }
    }

    /**
     * One page of certificates, newest first.
     *
     * @param org the issuer, or null for every organisation's
     * @param gtin and {@code lot}: only those of this product (and lot), when not null
     * @param before the id of the last certificate of the previous page, or null for the first
     */
    public List<CertificateSummary> list(String org, String gtin, String lot, String before, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT pc.id, pc.org_id, pc.content::text, pc.created_at, "
                     + "(SELECT count(*) FROM produce_certificate_receipt r WHERE r.certificate_id = pc.id) "
                     + "FROM produce_certificate pc WHERE (?::text IS NULL OR pc.org_id = ?) "
                     + "AND (?::text IS NULL OR pc.gtin = ?) AND (?::text IS NULL OR pc.lot = ?) "
                     + "AND (?::text IS NULL OR (pc.created_at, pc.id) < "
                     + "(SELECT b.created_at, b.id FROM produce_certificate b WHERE b.id = ?)) "
                     + "ORDER BY pc.created_at DESC, pc.id DESC LIMIT ?")) {
            String[] args = {org, gtin, lot, before};
            for (int i = 0; i < args.length; i++) {
                st.setString(2 * i + 1, args[i]);
                st.setString(2 * i + 2, args[i]);
            }
            st.setInt(9, limit);
            List<CertificateSummary> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new CertificateSummary(rs.getString(1), rs.getString(2), parse(rs.getString(3)),
                            rs.getTimestamp(4).toInstant(), rs.getLong(5)));
                }
            }
            return out;
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored certificate content is not JSON", e);
        }
    }
}
