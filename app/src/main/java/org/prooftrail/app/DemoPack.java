package org.prooftrail.app;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.sim.scenario.DrugColdChain;
import org.prooftrail.store.journey.ColdChainLots;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.RegisteredCodes;

/**
 * The pack the demo points people to: one of the vaccine packs that the simulator's drug-cold-chain
 * scenario made through the API and the broker on the demo's first start, found again in the store on
 * every start. The journey itself exists once, in the scenario.
 *
 * @param itemPath the pack's Digital Link path; prefix it with the server's base URL
 */
public record DemoPack(String gtin, String lot, String serial, String itemPath, String chinaCode, String maker) {

    /** The newest lot's first pack still on sale (the scenario dispenses the lot's first pack). */
    static Optional<DemoPack> find(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<ColdChainLots.LotCode> lots = ColdChainLots.newestFirst(c, DrugColdChain.GTIN, DrugColdChain.MAKER, 1);
            if (lots.isEmpty()) {
                return Optional.empty();
            }
            ColdChainLots.LotCode lot = lots.get(0);
            for (RegisteredCodes.ItemCode code : RegisteredCodes.itemsOfLot(c, lot.gtin(), lot.lot(), 10)) {
                Optional<Item> item = RegisteredCodes.item(c, lot.gtin(), code.serial());
                if (item.isPresent() && item.get().dispensedAt() == null && !item.get().retired()
                        && !"dispensed".equals(item.get().status())) {
                    return Optional.of(new DemoPack(lot.gtin(), lot.lot(), code.serial(),
                            URI.create(code.digitalLink()).getRawPath(), item.get().cnCode(), DrugColdChain.MAKER));
                }
            }
            return Optional.empty();
        }
    }
}
