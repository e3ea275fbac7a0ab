package org.prooftrail.core.identifiers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spellings under which EPCIS events may name an item or a lot, as evidence documents list them
 * for offline checkers (stored events are found by {@link EpcKey}, which reduces all of these to one
 * key):
 * <ul>
 *   <li>GS1 Digital Link URIs under each given resolver base (e.g. {@code https://id.gs1.org}), for an
 *       item with and without its lot ({@code /01/g/21/s}, {@code /01/g/10/l/21/s}), for a lot {@code /01/g/10/l};</li>
 *   <li>EPC URNs {@code urn:epc:id:sgtin:CompanyPrefix.ItemRef.Serial} and
 *       {@code urn:epc:class:lgtin:CompanyPrefix.ItemRef.Lot}. The split between company prefix and item
 *       reference depends on the company prefix length (6 to 12 digits), which a GTIN alone does not
 *       tell, so every possible split is listed: at most one of them is the one its owner uses, and no two
 *       GTINs share any spelling.</li>
 * </ul>
 */
public final class EpcForms {
    private EpcForms() {
    }

    public static Set<String> item(Gtin gtin, String lot, String serial, List<String> bases) {
        Set<String> forms = new LinkedHashSet<>();
        for (String base : bases) {
            forms.add(new DigitalLink(gtin, null, serial).uri(base));
            if (lot != null) {
                forms.add(new DigitalLink(gtin, lot, serial).uri(base));
            }
        }
        for (int prefix = 6; prefix <= 12; prefix++) {
            forms.add("urn:epc:id:sgtin:" + split(gtin, prefix) + "." + urnEscape(serial));
        }
        return forms;
    }

    public static Set<String> lot(Gtin gtin, String lot, List<String> bases) {
        Set<String> forms = new LinkedHashSet<>();
        for (String base : bases) {
            forms.add(new DigitalLink(gtin, lot, null).uri(base));
        }
        for (int prefix = 6; prefix <= 12; prefix++) {
            forms.add("urn:epc:class:lgtin:" + split(gtin, prefix) + "." + urnEscape(lot));
        }
        return forms;
    }

    /** CompanyPrefix.IndicatorItemRef (no check digit), per GS1 Tag Data Standard section 6.3.1. */
    private static String split(Gtin gtin, int prefixLength) {
        String g = gtin.value();
        return g.substring(1, 1 + prefixLength) + "." + g.charAt(0) + g.substring(1 + prefixLength, 13);
    }

    /** The TDS escapes for URN components: characters that are not URI-safe become %XX. */
    static String urnEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\"%&/<>?#".indexOf(c) >= 0) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
