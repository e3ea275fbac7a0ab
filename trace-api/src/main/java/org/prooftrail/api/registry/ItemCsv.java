package org.prooftrail.api.registry;

import java.util.List;
import org.prooftrail.store.registry.Item;
import org.prooftrail.store.registry.Lot;

/** Items as CSV ({@code gtin,lot,serial,digital_link,cn_code}), for print shops and spreadsheets. */
public final class ItemCsv {
    public static final String HEADER = "gtin,lot,serial,digital_link,cn_code\r\n";
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

    private ItemCsv() {
    }

    public static String of(Lot lot, List<Item> items) {
        StringBuilder b = new StringBuilder(HEADER.length() + items.size() * 110).append(HEADER);
        String prefix = lot.gtin() + ',' + field(lot.lot()) + ',';
        for (Item i : items) {
            b.append(prefix).append(i.serial()).append(',').append(field(i.digitalLink())).append(',')
                    .append(i.cnCode() == null ? "" : i.cnCode()).append("\r\n");
        }
        return b.toString();
    }

    /** RFC 4180: GS1 set 82 allows commas and quotes in lots, so such values are quoted. */
    static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /** True when the request prefers CSV. */
    public static boolean wanted(String accept) {
        return accept != null && accept.contains("text/csv");
    }
}
