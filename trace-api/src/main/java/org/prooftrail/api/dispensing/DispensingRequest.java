package org.prooftrail.api.dispensing;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.prooftrail.core.identifiers.ChinaDrugCode;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.dispensing.PackCode;
import org.prooftrail.store.dispensing.Sale;

/**
 * A sale as {@code POST /v1/dispensings} sends it: the pack by its China drug traceability code or its
 * Digital Link (a URI under any resolver base, or its path), the GLN where it was sold and, optionally,
 * the time the till says. The contract has checked the members' shapes; this checks what it cannot.
 */
record DispensingRequest(PackCode pack, Instant soldAt, String location) {
    /** A till's clock may run a little fast; a sale further in the future than this is a wrong clock. */
    static final Duration CLOCK_LEEWAY = Duration.ofMinutes(5);

    /** @throws IllegalArgumentException with a sentence naming the field at fault */
    static DispensingRequest parse(JsonObject body, Instant now) {
        String code = body.getString("code");
        String link = body.getString("digitalLink");
        if ((code == null) == (link == null)) {
            throw new IllegalArgumentException("name the pack by exactly one of code (its 20-digit China drug "
                    + "traceability code) and digitalLink");
        }
        PackCode pack;
        if (code != null) {
            String problem = ChinaDrugCode.problemOf(code);
            if (problem != null) {
                throw new IllegalArgumentException("code: " + problem);
            }
            pack = PackCode.china(code);
        } else {
            pack = fromLink(link);
        }
        return new DispensingRequest(pack, soldAt(body.getString("soldAt"), now), gln(body.getString("location")));
    }

    private static PackCode fromLink(String link) {
        int at = link.indexOf("/01/");
        if (at < 0) {
            throw new IllegalArgumentException("digitalLink: a GS1 Digital Link names a GTIN as /01/{gtin}");
        }
        String path = link.substring(at);
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        DigitalLink dl;
        try {
            dl = DigitalLink.parsePath(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("digitalLink: " + e.getMessage());
        }
        if (dl.serial() == null) {
            throw new IllegalArgumentException("digitalLink: a pack's link names its serial (/21/{serial}); "
                    + "a product or a lot cannot be sold as one pack");
        }
        return PackCode.item(dl.gtin().value(), dl.lot(), dl.serial());
    }

    private static Instant soldAt(String raw, Instant now) {
        if (raw == null) {
            return null;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("soldAt: '" + raw + "' is not a date-time with offset, like 2026-03-01T10:15:00+08:00");
        }
        if (t.isAfter(now.plus(CLOCK_LEEWAY))) {
            throw new IllegalArgumentException("soldAt: " + t + " is in the future (this server's time is " + now
                    + "); check the till's clock");
        }
        return t;
    }

    /** A GLN: 13 digits, the last GS1's mod-10 check of the others. */
    static String gln(String raw) {
        if (raw == null || !raw.matches("[0-9]{13}")) {
            throw new IllegalArgumentException("location: a GLN has 13 digits");
        }
        int check = Gtin.checkDigit(raw.substring(0, 12));
        if (check != raw.charAt(12) - '0') {
            throw new IllegalArgumentException("location: GLN check digit is " + raw.charAt(12) + " but should be " + check);
        }
        return raw;
    }

    Sale sale(String orgId) {
        return new Sale(soldAt, orgId, location);
    }
}
