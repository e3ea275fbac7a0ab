package org.prooftrail.core.custody;

import java.time.Instant;
import java.util.List;

/**
 * One stored event about some goods, as the write rule sees it.
 *
 * @param org          the organisation that wrote it (the captor, or the device's organisation)
 * @param orgGln       that organisation's registered GLN, or null
 * @param time         when it happened (the writer's word)
 * @param recordTime   when it was stored (the server's clock: what a grant's revocation is compared with)
 * @param shipping     whether it ships the goods on (bizStep shipping or departing)
 * @param destinations the destinations it names (any type: owning or possessing party, location)
 */
public record Writing(String org, String orgGln, Instant time, Instant recordTime, boolean shipping,
                      List<String> destinations) {
    public Writing {
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }
}
