package org.prooftrail.store.scans;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.alerts.Alerts;
import org.prooftrail.store.alerts.NewAlert;

/**
 * Clone warnings (issue 17): a pack looked up from as many distinct regions as the threshold is likely
 * one code printed on several boxes, so its maker and regulators are told with one {@value #KIND} alert
 * about the pack's Digital Link path, for the organisation owning the product. The scan writer finds the
 * packs its batch made reach the threshold ({@link ScanLog}) and raises them here, in its transaction;
 * the alert table's index (migration V35) keeps it to one per pack whatever raced.
 */
public final class CloneWarnings {
    public static final String KIND = "clone-warning";

    private CloneWarnings() {
    }

    /** A pack whose distinct regions reached the threshold in this batch, as its summary now stands. */
    record Crossing(String gtin, String lot, String serial, String orgId, List<String> regions, long lookups,
                    Instant firstAt, Instant lastAt) {
        String path() {
            return new DigitalLink(new Gtin(gtin), lot, serial).path();
        }
    }

    /** A raised alert. */
    public record Raised(long alertId, String subject, String orgId, List<String> regions) {
    }

    /** Raises an alert for each crossing no alert names yet; returns those raised. */
    static List<Raised> raise(Connection c, List<Crossing> crossings, int threshold) throws SQLException {
        List<Raised> raised = new ArrayList<>();
        for (Crossing x : crossings) {
            List<String> regions = x.regions().stream().sorted().toList();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("gtin", x.gtin());
            details.put("lot", x.lot());
            details.put("serial", x.serial());
            details.put("regions", String.join(",", regions)); // region codes never hold a comma (V8's check)
            details.put("lookups", Long.toString(x.lookups()));
            details.put("firstAt", x.firstAt().toString());
            details.put("lastAt", x.lastAt().toString());
            details.put("threshold", Integer.toString(threshold));
            Long id = Alerts.raiseOnce(c, new NewAlert(KIND, x.path(), x.orgId(), details));
            if (id != null) {
                raised.add(new Raised(id, x.path(), x.orgId(), regions));
            }
        }
        return raised;
    }
}
