package org.prooftrail.api.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of the API (item lists, the recall list): RFC 4180 (quoted where needed, CRLF) by
 * Commons CSV, and one rule against formula injection. GS1 set 82 allows lots such as {@code =1+2} or
 * {@code -SUM(A1)}, and spreadsheets run a cell starting with {@code = + - @} (or a tab or CR, which
 * some strip first) as a formula; such cells get a leading {@code '} (OWASP's CSV injection advice),
 * which spreadsheets take as "text" and hide. The exact value stays in the other columns: a Digital
 * Link carries the lot percent-encoded.
 */
public final class CsvExport {
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final StringBuilder out;
    private final CSVPrinter printer;

    private CsvExport(StringBuilder out, List<String> header) {
        this.out = out;
        try {
            this.printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
    }

    /** A new export with its header row; {@code expectedRows} sizes the buffer. */
    public static CsvExport withHeader(List<String> header, int expectedRows) {
        return new CsvExport(new StringBuilder(64 + expectedRows * 110), header);
    }

    /** One row; null cells are empty, formula-like cells are neutralised. */
    public CsvExport row(String... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = neutralised(cells[i]);
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String text() {
        return out.toString();
    }

    /** The cell as a spreadsheet must see it: text, never a formula. */
    public static String neutralised(String cell) {
        if (cell == null || cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0) {
            return cell;
        }
        return "'" + cell;
    }

    /** True when the request's Accept header asks for CSV. */
    public static boolean wanted(String accept) {
        return accept != null && accept.contains("text/csv");
    }
}
