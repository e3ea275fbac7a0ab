package org.prooftrail.api.registry;

import java.util.List;
import org.prooftrail.api.http.CsvExport;
import org.prooftrail.store.registry.Item;
import org.prooftrail.store.registry.Lot;

/** Items as CSV ({@code gtin,lot,serial,digital_link,cn_code}), for print shops and spreadsheets. */
public final class ItemCsv {
    static final List<String> HEADER = List.of("gtin", "lot", "serial", "digital_link", "cn_code");
    public static final String CONTENT_TYPE = CsvExport.CONTENT_TYPE;

    private ItemCsv() {
    }

    public static String of(Lot lot, List<Item> items) {
        CsvExport csv = CsvExport.withHeader(HEADER, items.size());
        for (Item i : items) {
            csv.row(lot.gtin(), lot.lot(), i.serial(), i.digitalLink(), i.cnCode());
        }
        return csv.text();
    }

    /** True when the request prefers CSV. */
    public static boolean wanted(String accept) {
        return CsvExport.wanted(accept);
    }
}
