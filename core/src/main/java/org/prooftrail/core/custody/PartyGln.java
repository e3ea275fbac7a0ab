package org.prooftrail.core.custody;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prooftrail.core.identifiers.Gtin;

/**
 * The 13-digit GLN a source or destination names, party or place: an SGLN or PGLN URN, a GS1 Digital
 * Link with {@code /414/} (a location, any extension) or {@code /417/} (a party), or the bare GLN. A
 * shipping event names an organisation as its destination when one of these is the organisation's
 * registered GLN.
 */
public final class PartyGln {
    private static final Pattern SGLN = Pattern.compile("urn:epc:id:sgln:(\\d+)\\.(\\d*)\\.[^.]*");
    private static final Pattern PGLN = Pattern.compile("urn:epc:id:pgln:(\\d+)\\.(\\d*)");
    private static final Pattern DIGITAL_LINK = Pattern.compile("https?://[^/]+(?:/[^/]+)*?/41[47]/(\\d{13})(?:/254/[^/?#]+)?/?");
    private static final Pattern BARE = Pattern.compile("\\d{13}");

    private PartyGln() {
    }

    /** The GLN named, or null when the value names none (or its check digit is wrong). */
    public static String of(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = SGLN.matcher(value);
        if (!m.matches()) {
            m = PGLN.matcher(value);
        }
        if (m.matches()) {
            String body = m.group(1) + m.group(2);
            return body.length() == 12 ? body + Gtin.checkDigit(body) : null;
        }
        m = DIGITAL_LINK.matcher(value);
        String gln = m.matches() ? m.group(1) : BARE.matcher(value).matches() ? value : null;
        return gln != null && Gtin.checkDigit(gln.substring(0, 12)) == gln.charAt(12) - '0' ? gln : null;
    }
}
