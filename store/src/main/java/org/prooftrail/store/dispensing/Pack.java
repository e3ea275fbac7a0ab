package org.prooftrail.store.dispensing;

import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;

/**
 * A pack as the sale sees it.
 *
 * @param cnCode   its China drug traceability code, or null
 * @param makerOrg the organisation whose product it is
 */
public record Pack(String gtin, String lot, String serial, String cnCode, String status, String makerOrg) {
    /** Its Digital Link path with the lot, the subject of alerts about it. */
    public String path() {
        return new DigitalLink(new Gtin(gtin), lot, serial).path();
    }
}
