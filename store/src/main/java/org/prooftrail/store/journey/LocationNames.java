package org.prooftrail.store.journey;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prooftrail.core.identifiers.Gtin;

/**
 * The names people know EPCIS locations by, from the registry: a location whose GLN (an SGLN URN, or
 * a Digital Link with {@code /414/}, any extension) is an organisation's registered GLN takes that
 * organisation's name; else a location where the registered devices all belong to one organisation
 * (a reefer truck, a cold room) takes that organisation's name. Other locations have no name.
 */
public final class LocationNames {
    private static final Pattern SGLN = Pattern.compile("urn:epc:id:sgln:(\\d+)\\.(\\d*)\\.[^.]*");
    private static final Pattern DIGITAL_LINK = Pattern.compile("https?://[^/]+(?:/[^/]+)*?/414/(\\d{13})(?:/254/[^/?#]+)?/?");

    private LocationNames() {
    }

    /** Location URI to name, for the locations that have one. */
    public static Map<String, String> of(Connection c, Collection<String> locations) throws SQLException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String l : locations) {
            if (l != null) {
                wanted.add(l);
            }
        }
        Map<String, String> names = new HashMap<>();
        if (wanted.isEmpty()) {
            return names;
        }
        Map<String, String> glnOf = new HashMap<>();
        for (String l : wanted) {
            String gln = gln(l);
            if (gln != null) {
                glnOf.put(l, gln);
            }
        }
        Map<String, String> byGln = new HashMap<>();
        if (!glnOf.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("SELECT gln, min(name) FROM organisation WHERE gln = ANY (?) "
                    + "GROUP BY gln HAVING count(DISTINCT name) = 1")) {
                Array a = c.createArrayOf("text", glnOf.values().stream().distinct().toArray());
                st.setArray(1, a);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byGln.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        glnOf.forEach((l, gln) -> {
            if (byGln.containsKey(gln)) {
                names.put(l, byGln.get(gln));
            }
        });
        Object[] rest = wanted.stream().filter(l -> !names.containsKey(l)).toArray();
        if (rest.length > 0) {
            try (PreparedStatement st = c.prepareStatement("SELECT d.location, min(o.name) FROM device d "
                    + "JOIN organisation o ON o.id = d.org_id WHERE d.location = ANY (?) "
                    + "GROUP BY d.location HAVING count(DISTINCT o.id) = 1")) {
                st.setArray(1, c.createArrayOf("text", rest));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return names;
    }

    /** The 13-digit GLN a location URI names, or null when it names none (or a check digit is wrong). */
    public static String gln(String location) {
        Matcher m = SGLN.matcher(location);
        if (m.matches()) {
            String body = m.group(1) + m.group(2);
            return body.length() == 12 ? body + Gtin.checkDigit(body) : null;
        }
        m = DIGITAL_LINK.matcher(location);
        if (m.matches()) {
            String gln = m.group(1);
            return Gtin.checkDigit(gln.substring(0, 12)) == gln.charAt(12) - '0' ? gln : null;
        }
        return null;
    }
}
