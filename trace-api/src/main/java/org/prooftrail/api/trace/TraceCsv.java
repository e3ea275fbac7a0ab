package org.prooftrail.api.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The recall list as CSV: one row per affected identifier (nodes, then shipments by event ID, then
 * receiving locations), the same content as the JSON answer's nodes, shipments and locations.
 */
final class TraceCsv {
    static final String HEADER = "kind,identifier,epcs,gtin,lot,serial,lastLocation,lastEventTime";

    private TraceCsv() {
    }

    static String of(JsonObject trace) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        for (Object o : trace.getJsonArray("nodes")) {
            JsonObject n = (JsonObject) o;
            row(b, n.getString("kind"), n.getString("id"), String.join(" ", strings(n.getJsonArray("epcs"))),
                    n.getString("gtin"), n.getString("lot"), n.getString("serial", n.getString("sscc")),
                    n.getString("lastLocation"), n.getString("lastEventTime"));
        }
        for (Object o : trace.getJsonArray("shipments")) {
            JsonObject s = (JsonObject) o;
            row(b, "shipment", s.getString("eventID"), String.join(" ", strings(s.getJsonArray("identifiers"))), null, null,
                    null, s.getString("bizLocation", s.getString("readPoint")), s.getString("eventTime"));
        }
        for (Object o : trace.getJsonArray("locations")) {
            JsonObject l = (JsonObject) o;
            row(b, "location", l.getString("location"), null, null, null, null, l.getString("location"), l.getString("eventTime"));
        }
        return b.toString();
    }

    private static java.util.List<String> strings(JsonArray a) {
        return a.stream().map(String::valueOf).toList();
    }

    private static void row(StringBuilder b, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells[i]));
        }
        b.append("\r\n");
    }

    /** RFC 4180 quoting; a leading formula character is defused so spreadsheets show data, not run it. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
