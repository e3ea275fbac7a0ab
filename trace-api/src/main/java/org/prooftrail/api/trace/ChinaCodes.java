package org.prooftrail.api.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.RegisteredCodes;

/**
 * A 20-digit China drug code names no identifier in EPCIS events: it is traced as the item the registry
 * issued it for (its GTIN, lot and serial). Other codes are traced as given.
 */
final class ChinaCodes {
    private ChinaCodes() {
    }

    static boolean looksLikeOne(String code) {
        return code.length() == 20 && code.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    /** The query with its start replaced by the registered item; empty when no item carries the China code. */
    static Optional<TraceQuery> resolve(Connection c, TraceQuery q) throws SQLException {
        if (!looksLikeOne(q.code())) {
            return Optional.of(q);
        }
        Optional<Item> item = RegisteredCodes.itemByChinaCode(c, q.code());
        return item.map(i -> new TraceQuery(q.code(), TraceId.item(i.gtin(), i.lot(), i.serial(), null), q.direction(),
                q.depth(), q.limit(), q.offset()));
    }
}
