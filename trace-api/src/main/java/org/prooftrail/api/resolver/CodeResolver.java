package org.prooftrail.api.resolver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.journey.CodeIdentity;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.scans.ScanLog;
import org.prooftrail.store.scans.ScanSummary;

/**
 * The blocking part of resolving a code, on a worker with one connection for the whole lookup: find
 * the code with its product, lot and scan summary (one statement), count the scan (in memory, see
 * {@link ScanLog}), answer 304 when the client's tag still holds, else build the provenance (two
 * statements, see {@link ProvenanceService}).
 */
final class CodeResolver {
    private final ProvenanceService provenance;
    private final ScanLog scans;

    CodeResolver(ProvenanceService provenance, ScanLog scans) {
        this.provenance = provenance;
        this.scans = scans;
    }

    Resolution product(Connection c, Gtin gtin, String region, LookupTag tag) throws SQLException {
        Optional<CodeIdentity.Identity> found = CodeIdentity.product(c, gtin.value());
        if (found.isEmpty()) {
            return Resolution.missing("no product with GTIN " + gtin.value() + " is registered here");
        }
        CodeIdentity.Identity id = found.get();
        ScanSummary s = scans.record(id.scans(), gtin.value(), "", "", region, null);
        String canonical = new DigitalLink(gtin, null, null).path();
        String etag = tag.of(id, canonical, Instant.now());
        if (tag.matches(etag)) {
            return Resolution.notModified(etag);
        }
        return new Resolution(200, null, id.product(), null, s, canonical, etag);
    }

    Resolution lot(Connection c, Gtin gtin, String lot, String region, LookupTag tag) throws SQLException {
        Optional<CodeIdentity.Identity> found = CodeIdentity.lot(c, gtin.value(), lot);
        if (found.isEmpty() || found.get().lot() == null) {
            return Resolution.missing(found.isEmpty() ? "no product with GTIN " + gtin.value() + " is registered here"
                    : "product " + gtin.value() + " has no lot '" + lot + "'");
        }
        CodeIdentity.Identity id = found.get();
        ScanSummary s = scans.record(id.scans(), gtin.value(), lot, "", region, null);
        String canonical = new DigitalLink(gtin, lot, null).path();
        Instant now = Instant.now();
        String etag = tag.of(id, canonical, now);
        if (tag.matches(etag)) {
            return Resolution.notModified(etag);
        }
        return new Resolution(200, null, id.product(), provenance.ofLot(c, id.product(), id.lot(), id.lotItems(), now), s,
                canonical, etag);
    }

    /** @param lot the lot the link names, or null when the code named none (China drug codes) */
    Resolution item(Connection c, Optional<CodeIdentity.Identity> found, String what, String lot, String region,
                    LookupTag tag) throws SQLException {
        if (found.isEmpty()) {
            return Resolution.missing("no item " + what + " is registered here; the code may be mistyped or not genuine");
        }
        CodeIdentity.Identity id = found.get();
        Item item = id.item();
        if (lot != null && !lot.equals(item.lot())) {
            return Resolution.missing("item " + what + " exists but not in lot '" + lot
                    + "'; the lot printed with this code does not match the maker's record");
        }
        ScanSummary s = scans.record(id.scans(), item.gtin(), item.lot(), item.serial(), region, item.dispensedAt());
        String canonical = new DigitalLink(new Gtin(item.gtin()), item.lot(), item.serial()).path();
        if (item.retired()) {
            return new Resolution(410, "item " + what + " was withdrawn by its maker; do not use it", id.product(), null, s,
                    canonical, null);
        }
        Instant now = Instant.now();
        String etag = tag.of(id, canonical, now);
        if (tag.matches(etag)) {
            return Resolution.notModified(etag);
        }
        return new Resolution(200, null, id.product(), provenance.ofItem(c, id.product(), id.lot(), item, now), s,
                canonical, etag);
    }
}
