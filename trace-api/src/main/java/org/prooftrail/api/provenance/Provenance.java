package org.prooftrail.api.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.journey.TimelineEvent;

/**
 * Everything the resolver tells about a lot or one item: the product, its journey, the custody
 * windows with the readings that apply, and the cold-chain verdict.
 *
 * @param item   null for a lot
 * @param places the registry's names of the journey's locations (location URI to name), for those that have one
 * @param asOf   the time the journey was put together at: an open custody window ends here, and the
 *               page's evidence is asked for as of it
 * @param memo   what renderers derived from the custody part (windows, readings, verdict), shared by the
 *               journeys put together with the same custody part
 * @param claims what other organisations wrote about the goods without the right to (docs/custody.md): for
 *               the owner and regulators only, never on the page, the journey or the verdict
 */
public record Provenance(Product product, Lot lot, Item item, List<TimelineEvent> events, List<CustodyWindow> custody,
                         List<Series> readings, Verdict verdict, Map<String, String> places, Instant asOf, Memo memo,
                         Claims claims) {
    /** As assembled before the write rule: no claims. */
    public Provenance(Product product, Lot lot, Item item, List<TimelineEvent> events, List<CustodyWindow> custody,
                      List<Series> readings, Verdict verdict, Map<String, String> places, Instant asOf, Memo memo) {
        this(product, lot, item, events, custody, readings, verdict, places, asOf, memo, Claims.NONE);
    }
}

