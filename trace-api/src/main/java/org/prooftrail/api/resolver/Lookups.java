package org.prooftrail.api.resolver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.prooftrail.api.page.ScanLog;
import org.prooftrail.api.page.ScanSummary;
import org.prooftrail.api.provenance.CodeLookup;
import org.prooftrail.api.provenance.Item;
import org.prooftrail.api.provenance.Lot;
import org.prooftrail.api.provenance.Product;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;

/** The blocking part of a lookup: find the code, build its provenance, count the scan. */
final class Lookups {
    private final ProvenanceService provenance;
    private final ScanLog scans;

    Lookups(ProvenanceService provenance, ScanLog scans) {
        this.provenance = provenance;
        this.scans = scans;
    }

    Lookup product(Connection c, Gtin gtin, String region) throws SQLException {
        Optional<Product> p = CodeLookup.product(c, gtin.value());
        if (p.isEmpty()) {
            return Lookup.missing("no product with GTIN " + gtin.value() + " is registered here");
        }
        ScanSummary s = scans.record(c, gtin.value(), "", "", region, null);
        return new Lookup(200, null, p.get(), null, s, new DigitalLink(gtin, null, null).path());
    }

    Lookup lot(Connection c, Gtin gtin, String lot, String region) throws SQLException {
        Optional<Product> p = CodeLookup.product(c, gtin.value());
        Optional<Lot> l = p.isEmpty() ? Optional.empty() : CodeLookup.lot(c, gtin.value(), lot);
        if (l.isEmpty()) {
            return Lookup.missing(p.isEmpty() ? "no product with GTIN " + gtin.value() + " is registered here"
                    : "product " + gtin.value() + " has no lot '" + lot + "'");
        }
        ScanSummary s = scans.record(c, gtin.value(), lot, "", region, null);
        return new Lookup(200, null, p.get(), provenance.ofLot(c, p.get(), l.get(), Instant.now()), s,
                new DigitalLink(gtin, lot, null).path());
    }

    /** @param lot the lot the link names, or null when the code named none (China drug codes) */
    Lookup item(Connection c, Optional<Item> found, String what, String lot, String region) throws SQLException {
        if (found.isEmpty()) {
            return Lookup.missing("no item " + what + " is registered here; the code may be mistyped or not genuine");
        }
        Item item = found.get();
        if (lot != null && !lot.equals(item.lot())) {
            return Lookup.missing("item " + what + " exists but not in lot '" + lot
                    + "'; the lot printed with this code does not match the maker's record");
        }
        Product product = CodeLookup.product(c, item.gtin()).orElseThrow();
        Lot l = CodeLookup.lot(c, item.gtin(), item.lot()).orElseThrow();
        ScanSummary s = scans.record(c, item.gtin(), item.lot(), item.serial(), region, item.dispensedAt());
        String canonical = new DigitalLink(new Gtin(item.gtin()), item.lot(), item.serial()).path();
        if (item.retired()) {
            return new Lookup(410, "item " + what + " was withdrawn by its maker; do not use it", product, null, s, canonical);
        }
        return new Lookup(200, null, product, provenance.ofItem(c, product, l, item, Instant.now()), s, canonical);
    }
}
