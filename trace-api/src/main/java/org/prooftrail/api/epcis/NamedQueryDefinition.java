package org.prooftrail.api.epcis;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.Principal;

/**
 * A named query's definition, the {@code query} object of GS1's QueryDefinition (query-schema.json:
 * lists as JSON arrays, times and numbers as values), read as the URL parameters the simple event
 * query takes, so one parser ({@link EventQuery}) checks both. Paging belongs to a request, not to
 * a definition: perPage and nextPageToken are refused here.
 */
final class NamedQueryDefinition {
    private static final Set<String> PAGING = Set.of("perPage", "nextPageToken");

    private NamedQueryDefinition() {
    }

    static MultiMap params(JsonObject query) throws EventQuery.BadQuery {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (String name : query.fieldNames()) {
            if (PAGING.contains(name)) {
                throw new EventQuery.BadQuery("query." + name + ": paging is chosen when reading the results "
                        + "(GET .../events?perPage=...), not in the query");
            }
            Object v = query.getValue(name);
            if (v instanceof JsonArray list) {
                if (list.isEmpty()) {
                    throw new EventQuery.BadQuery("query." + name + ": an empty list matches nothing; leave the parameter out");
                }
                StringBuilder joined = new StringBuilder();
                for (Object item : list) {
                    if (!(item instanceof String) && !(item instanceof Number)) {
                        throw new EventQuery.BadQuery("query." + name + ": list items must be strings or numbers");
                    }
                    String s = item.toString();
                    if (s.contains(",")) {
                        throw new EventQuery.BadQuery("query." + name + ": " + EventQuery.quote(s) + " holds a comma, "
                                + "which this server reads as a list separator");
                    }
                    joined.append(joined.length() == 0 ? "" : ",").append(s);
                }
                params.add(name, joined.toString());
            } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                params.add(name, v.toString());
            } else {
                throw new EventQuery.BadQuery("query." + name + ": give a string, a number or a list of them");
            }
        }
        return params;
    }

    /** Whose named queries and subscriptions a caller manages: its organisation's, or the regulators' shared ones. */
    static String scope(Principal p) {
        return p.role() == ApiRole.COMPANY ? "org:" + p.org() : "regulator";
    }

    /** The events a caller's queries and subscriptions see: its organisation's, or all for a regulator. */
    static String onlyOrg(Principal p) {
        return p.role() == ApiRole.COMPANY ? p.org() : null;
    }
}
