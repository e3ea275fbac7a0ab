package org.prooftrail.api.excursion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.api.provenance.CodeLookup;
import org.prooftrail.api.provenance.Lot;
import org.prooftrail.api.provenance.Product;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.core.coldchain.Excursion;
import org.prooftrail.core.coldchain.Series;

/**
 * Excursions over a period, computed exactly as the resolver's verdicts are: each lot's custody
 * windows, the readings that apply, the product's band. The same excursion of one device is
 * reported once with every lot it affected. Lots are examined newest first, at most {@link #MAX_LOTS}.
 */
public final class ExcursionReport {
    public static final int MAX_LOTS = 500;

    /** @param truncated whether more lots matched than were examined */
    public record Result(List<AffectedExcursion> excursions, int lotsExamined, boolean truncated) {
    }

    private final ProvenanceService provenance;

    public ExcursionReport(ProvenanceService provenance) {
        this.provenance = provenance;
    }

    /** Filters may be null. */
    public Result run(Connection c, Instant from, Instant to, String gtin, String org) throws SQLException {
        List<String[]> lots = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT l.gtin, l.lot FROM lot l JOIN product p ON p.gtin = l.gtin "
                + "WHERE (?::text IS NULL OR l.gtin = ?) AND (?::text IS NULL OR l.org_id = ?) "
                + "AND (p.temp_min_c IS NOT NULL OR p.temp_max_c IS NOT NULL) ORDER BY l.created_at DESC, l.gtin, l.lot LIMIT ?")) {
            st.setString(1, gtin);
            st.setString(2, gtin);
            st.setString(3, org);
            st.setString(4, org);
            st.setInt(5, MAX_LOTS + 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lots.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        boolean truncated = lots.size() > MAX_LOTS;
        Instant now = Instant.now();
        Map<String, List<AffectedExcursion.LotRef>> affected = new LinkedHashMap<>();
        Map<String, Excursion> byKey = new LinkedHashMap<>();
        for (String[] l : lots.subList(0, Math.min(lots.size(), MAX_LOTS))) {
            Product product = CodeLookup.product(c, l[0]).orElseThrow();
            Lot lot = CodeLookup.lot(c, l[0], l[1]).orElseThrow();
            Provenance p = provenance.ofLot(c, product, lot, now);
            AffectedExcursion.LotRef ref = new AffectedExcursion.LotRef(l[0], l[1], product.name(), product.orgId(),
                    p.verdict().status().wire());
            for (Series s : p.readings()) {
                for (Excursion x : product.rule().excursions(s)) {
                    if ((from != null && x.end().isBefore(from)) || (to != null && x.start().isAfter(to))) {
                        continue;
                    }
                    String key = x.device() + "|" + x.start() + "|" + x.end();
                    byKey.putIfAbsent(key, x);
                    List<AffectedExcursion.LotRef> refs = affected.computeIfAbsent(key, k -> new ArrayList<>());
                    if (!refs.contains(ref)) {
                        refs.add(ref);
                    }
                }
            }
        }
        List<AffectedExcursion> out = new ArrayList<>();
        byKey.forEach((k, x) -> out.add(new AffectedExcursion(x, List.copyOf(affected.get(k)))));
        out.sort(Comparator.comparing((AffectedExcursion a) -> a.excursion().start()).reversed());
        return new Result(out, Math.min(lots.size(), MAX_LOTS), truncated);
    }
}
