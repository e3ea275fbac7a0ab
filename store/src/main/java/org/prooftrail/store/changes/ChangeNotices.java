package org.prooftrail.store.changes;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed, as told to readers that keep data in memory (the resolver's journeys): NOTIFY on
 * {@link #CHANNEL}, sent in the writer's transaction, so PostgreSQL delivers it exactly when the data
 * commits, to every API process listening, and never for a rolled-back batch. A payload is lines:
 * {@code c<code>} an identifier an event names, {@code d<device>} a device whose envelopes (readings)
 * were stored, {@code l<location>} a place whose devices changed (migration V22's trigger on device), or
 * {@code r} alone: the registry changed otherwise (migration V22's triggers), drop everything.
 * Payloads are split below PostgreSQL's 8,000-byte limit.
 */
public final class ChangeNotices {
    public static final String CHANNEL = "pt_changes";
    static final int MAX_PAYLOAD = 7_900;
    private static final String SQL = "SELECT pg_notify('" + CHANNEL + "', p) FROM unnest(?::text[]) AS p";

    /**
     * A change as received: everything (registry), or the codes (keys), devices, places and packs
     * ({@code gtin/serial}) it touched.
     */
    public record Notice(boolean everything, Set<String> codes, Set<String> devices, Set<String> locations,
                         Set<String> items) {
        public static final Notice EVERYTHING = new Notice(true, Set.of(), Set.of(), Set.of(), Set.of());

        static Notice parse(String payload) {
            if (payload.equals("r")) {
                return EVERYTHING;
            }
            Set<String> codes = new HashSet<>();
            Set<String> devices = new HashSet<>();
            Set<String> locations = new HashSet<>();
            Set<String> items = new HashSet<>();
            for (String line : payload.split("\n")) {
                if (line.startsWith("c")) {
                    codes.add(line.substring(1));
                } else if (line.startsWith("d")) {
                    devices.add(line.substring(1));
                } else if (line.startsWith("l")) {
                    locations.add(line.substring(1));
                } else if (line.startsWith("i")) {
                    items.add(line.substring(1));
                } else if (!line.isEmpty()) {
                    return EVERYTHING; // a kind this reader does not know: the safe reading
                }
            }
            return new Notice(false, codes, devices, locations, items);
        }
    }

    private ChangeNotices() {
    }

    /**
     * Announces, in {@code c}'s open transaction, that events naming {@code codes} (their keys) and
     * envelopes of {@code devices} were stored.
     */
    public static void announce(Connection c, Collection<String> codes, Collection<String> devices) throws SQLException {
        List<String> payloads = payloads(codes, devices);
        if (payloads.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(SQL)) {
            st.setArray(1, c.createArrayOf("text", payloads.toArray()));
            st.execute();
        }
    }

    static List<String> payloads(Collection<String> codes, Collection<String> devices) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (Collection<String> values : List.of(codes, devices)) {
            char kind = values == codes ? 'c' : 'd';
            for (String v : values) {
                if (v.indexOf('\n') >= 0) {
                    continue; // no identifier or device id holds one; the line format could not say it
                }
                int size = v.getBytes(StandardCharsets.UTF_8).length + 2;
                if (size > MAX_PAYLOAD) {
                    out.add("r"); // cannot be said alone: drop everything rather than miss it
                    continue;
                }
                if (bytes + size > MAX_PAYLOAD) {
                    out.add(b.toString());
                    b.setLength(0);
                    bytes = 0;
                }
                b.append(kind).append(v).append('\n');
                bytes += size;
            }
        }
        if (b.length() > 0) {
            out.add(b.toString());
        }
        return out;
    }
}
