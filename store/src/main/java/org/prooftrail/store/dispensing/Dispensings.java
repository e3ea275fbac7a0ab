package org.prooftrail.store.dispensing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.prooftrail.store.alerts.Alerts;
import org.prooftrail.store.alerts.NewAlert;

/**
 * The one writer of {@code dispensing}: the NHSA one-sale rule. A pack is sold once; the table's primary
 * key decides which of two concurrent sales is the first (INSERT ... ON CONFLICT DO NOTHING waits for the
 * other transaction and then does nothing), never a read followed by a write. A second sale is refused and
 * raised as a {@value #SECOND_SALE} alert, a sale of a withdrawn pack as a {@value #RETIRED_SALE} alert, in
 * the same transaction.
 *
 * <p>The pack's registry row ({@code item}, written by the registry) is left alone: lookups read the sale
 * beside it ({@link org.prooftrail.store.journey.CodeIdentity}).
 */
public final class Dispensings {
    public static final String SECOND_SALE = "second-sale";
    public static final String RETIRED_SALE = "retired-pack-sale";

    private static final String PACK = "SELECT i.gtin, i.lot, i.serial, i.cn_code, i.status, p.org_id, "
            + "(SELECT name FROM organisation WHERE id = ?) FROM item i JOIN product p ON p.gtin = i.gtin WHERE ";
    private static final String SOLD = "SELECT d.sold_at, d.recorded_at, d.org_id, o.name, d.location FROM dispensing d "
            + "JOIN organisation o ON o.id = d.org_id WHERE d.gtin = ? AND d.serial = ?";

    private final DataSource db;

    public Dispensings(DataSource db) {
        this.db = db;
    }

    /** Records the sale if it is the pack's first; otherwise says why not, with the alert it raised. */
    public SaleOutcome sell(PackCode code, Sale sale) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                SaleOutcome out = sell(c, code, sale);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static SaleOutcome sell(Connection c, PackCode code, Sale sale) throws SQLException {
        Instant soldAt = sale.soldAt() == null ? null : sale.soldAt().truncatedTo(ChronoUnit.MICROS);
        Pack pack;
        String sellerName;
        try (PreparedStatement st = c.prepareStatement(PACK + (code.cnCode() != null ? "i.cn_code = ?"
                : "i.gtin = ? AND i.serial = ?"))) {
            st.setString(1, sale.orgId());
            if (code.cnCode() != null) {
                st.setString(2, code.cnCode());
            } else {
                st.setString(2, code.gtin());
                st.setString(3, code.serial());
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new SaleOutcome.Unknown("no pack " + code + " is registered here; the code may be mistyped or not genuine");
                }
                pack = new Pack(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
                sellerName = rs.getString(7);
            }
        }
        if (code.lot() != null && !code.lot().equals(pack.lot())) {
            return new SaleOutcome.Unknown("pack " + code + " exists but not in lot '" + code.lot()
                    + "'; the lot printed with this code does not match the maker's record");
        }
        if (sellerName == null) {
            return new SaleOutcome.UnknownSeller(sale.orgId());
        }
        Instant attempted = soldAt == null ? Instant.now().truncatedTo(ChronoUnit.MICROS) : soldAt;
        if ("retired".equals(pack.status())) {
            Map<String, String> details = packDetails(pack);
            attempt(details, attempted, sale, sellerName);
            return new SaleOutcome.Retired(pack, Alerts.raise(c, new NewAlert(RETIRED_SALE, pack.path(), pack.makerOrg(), details)));
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dispensing (gtin, serial, sold_at, org_id, location) "
                + "VALUES (?, ?, coalesce(?, now()), ?, ?) ON CONFLICT (gtin, serial) DO NOTHING RETURNING sold_at, recorded_at")) {
            st.setString(1, pack.gtin());
            st.setString(2, pack.serial());
            st.setTimestamp(3, soldAt == null ? null : Timestamp.from(soldAt));
            st.setString(4, sale.orgId());
            st.setString(5, sale.location());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return new SaleOutcome.Sold(pack, new RecordedSale(rs.getTimestamp(1).toInstant(),
                            rs.getTimestamp(2).toInstant(), sale.orgId(), sellerName, sale.location()));
                }
            }
        }
        RecordedSale first = first(c, pack);
        if (first.orgId().equals(sale.orgId()) && first.location().equals(sale.location()) && first.soldAt().equals(soldAt)) {
            return new SaleOutcome.Repeated(pack, first);
        }
        Map<String, String> details = packDetails(pack);
        details.put("firstSoldAt", first.soldAt().toString());
        details.put("firstRecordedAt", first.recordedAt().toString());
        details.put("firstOrg", first.orgId());
        details.put("firstOrgName", first.orgName());
        details.put("firstLocation", first.location());
        attempt(details, attempted, sale, sellerName);
        return new SaleOutcome.AlreadySold(pack, first, Alerts.raise(c, new NewAlert(SECOND_SALE, pack.path(), pack.makerOrg(), details)));
    }

    /** The sale that the conflicting insert waited for: committed, so this statement sees it. */
    private static RecordedSale first(Connection c, Pack pack) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SOLD)) {
            st.setString(1, pack.gtin());
            st.setString(2, pack.serial());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the insert into dispensing conflicted but no sale of " + pack.path() + " is there");
                }
                return new RecordedSale(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5));
            }
        }
    }

    private static Map<String, String> packDetails(Pack pack) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("gtin", pack.gtin());
        d.put("lot", pack.lot());
        d.put("serial", pack.serial());
        d.put("cnCode", pack.cnCode());
        return d;
    }

    private static void attempt(Map<String, String> details, Instant soldAt, Sale sale, String sellerName) {
        details.put("soldAt", soldAt.toString());
        details.put("org", sale.orgId());
        details.put("orgName", Objects.requireNonNull(sellerName));
        details.put("location", sale.location());
    }
}
