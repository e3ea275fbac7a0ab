package org.prooftrail.api.excursion;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.core.coldchain.Excursion;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.store.journey.CodeIdentity;
import org.prooftrail.store.journey.ColdChainLots;
import org.prooftrail.store.journey.Product;

/**
 * Excursions over a period, computed exactly as the resolver's verdicts are: each lot's custody
 * windows, the readings that apply, the product's band. The same excursion of one device is
 * reported once with every lot it affected. Lots are examined newest first, at most {@link #MAX_LOTS},
 * {@link #PAGE} at a time: one statement lists the lots, then three per page (the lots with their
 * products and items, the events of all their journeys, the readings of all their windows), so that
 * 500 lots cost 16 statements, not one journey's worth per lot.
 */
public final class ExcursionReport {
    public static final int MAX_LOTS = 500;
    public static final int PAGE = 100;

    /** @param truncated whether more lots matched than were examined */
    public record Result(List<AffectedExcursion> excursions, int lotsExamined, boolean truncated) {
    }

    private final ProvenanceService provenance;

    public ExcursionReport(ProvenanceService provenance) {
        this.provenance = provenance;
    }

    /** Filters may be null. */
    public Result run(Connection c, Instant from, Instant to, String gtin, String org) throws SQLException {
        List<ColdChainLots.LotCode> lots = ColdChainLots.newestFirst(c, gtin, org, MAX_LOTS + 1);
        boolean truncated = lots.size() > MAX_LOTS;
        List<ColdChainLots.LotCode> examined = lots.subList(0, Math.min(lots.size(), MAX_LOTS));
        Instant now = Instant.now();
        Map<String, List<AffectedExcursion.LotRef>> affected = new LinkedHashMap<>();
        Map<String, Excursion> byKey = new LinkedHashMap<>();
        for (int start = 0; start < examined.size(); start += PAGE) {
            List<CodeIdentity.Identity> page = CodeIdentity.lots(c, examined.subList(start, Math.min(examined.size(), start + PAGE)));
            List<Provenance> journeys = provenance.ofLots(c, page.stream()
                    .map(l -> new ProvenanceService.LotJourney(l.product(), l.lot(), l.lotItems())).toList(), now);
            for (Provenance p : journeys) {
                Product product = p.product();
                AffectedExcursion.LotRef ref = new AffectedExcursion.LotRef(p.lot().gtin(), p.lot().lot(), product.name(),
                        product.orgId(), p.verdict().status().wire());
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
        }
        List<AffectedExcursion> out = new ArrayList<>();
        byKey.forEach((k, x) -> out.add(new AffectedExcursion(x, List.copyOf(affected.get(k)))));
        out.sort(Comparator.comparing((AffectedExcursion a) -> a.excursion().start()).reversed());
        return new Result(out, examined.size(), truncated);
    }
}
