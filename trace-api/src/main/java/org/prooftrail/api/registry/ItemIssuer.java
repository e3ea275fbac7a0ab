package org.prooftrail.api.registry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.identifiers.ChinaDrugCode;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.identifiers.ItemSerial;
import org.prooftrail.store.registry.Item;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.RegistryConflict;

/**
 * Issues items in bulk with random serials (and China codes) and their Digital Links on this
 * resolver; {@link Items#issue} stores them and asks for new draws where they collided.
 */
public final class ItemIssuer {
    private final Items items;
    private final ItemSerial serials;
    private final String resolverBase;

    public ItemIssuer(Items items, ItemSerial serials, String resolverBase) {
        this.items = items;
        this.serials = serials;
        this.resolverBase = resolverBase;
    }

    /** @param cnDrugId the product's China drug identifier when codes are wanted, else null */
    public List<Item> issue(Lot lot, int count, String cnDrugId) throws SQLException {
        Gtin gtin = new Gtin(lot.gtin());
        try {
            return items.issue(lot, count, n -> {
                List<NewItem> drawn = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String serial = serials.next();
                    drawn.add(new NewItem(serial, new DigitalLink(gtin, lot.lot(), serial).uri(resolverBase),
                            cnDrugId == null ? null : ChinaDrugCode.issue(cnDrugId).value()));
                }
                return drawn;
            });
        } catch (RegistryConflict e) {
            if ("lot".equals(e.field())) {
                throw e; // the lot or its product is retired
            }
            // the code space is nearly full: for China codes, of that product's identifier
            throw new Refusal(409, cnDrugId == null ? "count" : "chinaDrugCodes", e.getMessage());
        }
    }
}
