package org.prooftrail.api.resolver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.journey.RegisteredCodes;
import org.prooftrail.store.scans.ScanLog;
import org.prooftrail.store.scans.ScanSummary;

/**
 * The blocking part of resolving a code: find it among the registered codes, build its provenance,
 * count the scan. Runs on a worker with one connection for the whole lookup.
 */
final class CodeResolver {
    private final ProvenanceService provenance;
    private final ScanLog scans;

    CodeResolver(ProvenanceService provenance, ScanLog scans) {
        this.provenance = provenance;
        this.scans = scans;
    }

    Resolution product(Connection c, Gtin gtin, String region) throws SQLException {
        Optional<Product> p = RegisteredCodes.product(c, gtin.value());
        if (p.isEmpty()) {
            return Resolution.missing("no product with GTIN " + gtin.value() + " is registered here");
        }
        ScanSummary s = scans.record(c, gtin.value(), "", "", region, null);
        return new Resolution(200, null, p.get(), null, s, new DigitalLink(gtin, null, null).path());
    }

    Resolution lot(Connection c, Gtin gtin, String lot, String region) throws SQLException {
        Optional<Product> p = RegisteredCodes.product(c, gtin.value());
        Optional<Lot> l = p.isEmpty() ? Optional.empty() : RegisteredCodes.lot(c, gtin.value(), lot);
        if (l.isEmpty()) {
            return Resolution.missing(p.isEmpty() ? "no product with GTIN " + gtin.value() + " is registered here"
                    : "product " + gtin.value() + " has no lot '" + lot + "'");
        }
        ScanSummary s = scans.record(c, gtin.value(), lot, "", region, null);
        return new Resolution(200, null, p.get(), provenance.ofLot(c, p.get(), l.get(), Instant.now()), s,
                new DigitalLink(gtin, lot, null).path());
    }

    /** @param lot the lot the link names, or null when the code named none (China drug codes) */
    Resolution item(Connection c, Optional<Item> found, String what, String lot, String region) throws SQLException {
        if (found.isEmpty()) {
            return Resolution.missing("no item " + what + " is registered here; the code may be mistyped or not genuine");
        }
        Item item = found.get();
        if (lot != null && !lot.equals(item.lot())) {
            return Resolution.missing("item " + what + " exists but not in lot '" + lot
                    + "'; the lot printed with this code does not match the maker's record");
        }
        Product product = RegisteredCodes.product(c, item.gtin()).orElseThrow();
        Lot l = RegisteredCodes.lot(c, item.gtin(), item.lot()).orElseThrow();
        ScanSummary s = scans.record(c, item.gtin(), item.lot(), item.serial(), region, item.dispensedAt());
        String canonical = new DigitalLink(new Gtin(item.gtin()), item.lot(), item.serial()).path();
        if (item.retired()) {
            return new Resolution(410, "item " + what + " was withdrawn by its maker; do not use it", product, null, s, canonical);
        }
        return new Resolution(200, null, product, provenance.ofItem(c, product, l, item, Instant.now()), s, canonical);
    }
}
