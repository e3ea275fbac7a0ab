package org.prooftrail.api.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.prooftrail.api.http.CsvExport;

/**
 * The recall list as CSV: one row per affected identifier (nodes, then shipments by event ID, then
 * receiving locations), the same content as the JSON answer's nodes, shipments and locations. Written
 * by {@link CsvExport}, so formula-like cells are shown as text.
 */
final class TraceCsv {
    static final List<String> COLUMNS = List.of("kind", "identifier", "epcs", "gtin", "lot", "serial", "lastLocation",
            "lastEventTime");
    static final String HEADER = String.join(",", COLUMNS);

    private TraceCsv() {
    }

    static String of(JsonObject trace) {
        JsonArray nodes = trace.getJsonArray("nodes");
        JsonArray shipments = trace.getJsonArray("shipments");
        JsonArray locations = trace.getJsonArray("locations");
        CsvExport csv = CsvExport.withHeader(COLUMNS, nodes.size() + shipments.size() + locations.size());
        for (Object o : nodes) {
            JsonObject n = (JsonObject) o;
            csv.row(n.getString("kind"), n.getString("id"), String.join(" ", strings(n.getJsonArray("epcs"))),
                    n.getString("gtin"), n.getString("lot"), n.getString("serial", n.getString("sscc")),
                    n.getString("lastLocation"), n.getString("lastEventTime"));
        }
        for (Object o : shipments) {
            JsonObject s = (JsonObject) o;
            csv.row("shipment", s.getString("eventID"), String.join(" ", strings(s.getJsonArray("identifiers"))), null, null,
                    null, s.getString("bizLocation", s.getString("readPoint")), s.getString("eventTime"));
        }
        for (Object o : locations) {
            JsonObject l = (JsonObject) o;
            csv.row("location", l.getString("location"), null, null, null, null, l.getString("location"), l.getString("eventTime"));
        }
        return csv.text();
    }

    private static List<String> strings(JsonArray a) {
        return a.stream().map(String::valueOf).toList();
    }
}
