package org.prooftrail.store.dispensing;

/**
 * How a sale names its pack: a China drug traceability code, or a GTIN with its serial (and the lot the
 * Digital Link named, which must then be the pack's).
 */
public record PackCode(String cnCode, String gtin, String lot, String serial) {
    public static PackCode china(String code) {
        return new PackCode(code, null, null, null);
    }

    /** @param lot null when the link named none */
    public static PackCode item(String gtin, String lot, String serial) {
        return new PackCode(null, gtin, lot, serial);
    }

    @Override
    public String toString() {
        return cnCode != null ? cnCode : "/01/" + gtin + (lot == null ? "" : "/10/" + lot) + "/21/" + serial;
    }
}
