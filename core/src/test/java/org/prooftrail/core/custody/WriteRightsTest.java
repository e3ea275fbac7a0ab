package org.prooftrail.core.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRightsTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String PHARMACY_GLN = "690987600001" + org.prooftrail.core.identifiers.Gtin.checkDigit("690987600001");
    private static final String RIVAL_GLN = "690555500001" + org.prooftrail.core.identifiers.Gtin.checkDigit("690555500001");

    private static Instant h(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static Writing event(String org, String gln, int hour) {
        return new Writing(org, gln, h(hour), h(hour), false, List.of());
    }

    private static Writing shipping(String org, String gln, int hour, String... destinations) {
        return new Writing(org, gln, h(hour), h(hour), true, List.of(destinations));
    }

    @Test
    void theOwnerAlwaysCountsAndAStrangerNever() {
        WriteRights r = WriteRights.of("maker", List.of(), List.of(event("maker", null, 0), event("rival", RIVAL_GLN, 1)));
        assertTrue(r.counts(0));
        assertFalse(r.counts(1));
        assertFalse(r.readingsCount("rival", RIVAL_GLN, h(0), h(5)));
        assertTrue(r.readingsCount("maker", null, h(0), h(5)));
    }

    @Test
    void aShippingEventNamingAnOrganisationHandsItCustodyUntilItShipsOn() {
        WriteRights r = WriteRights.of("maker", List.of(), List.of(
                event("maker", null, 0),
                shipping("maker", null, 1, "urn:epc:id:pgln:6909876.00001"),
                event("pharmacy", PHARMACY_GLN, 2),
                shipping("pharmacy", PHARMACY_GLN, 3, "https://id.gs1.org/414/" + RIVAL_GLN),
                event("rival", RIVAL_GLN, 4),
                event("pharmacy", PHARMACY_GLN, 5)));
        for (int i = 0; i < 5; i++) {
            assertTrue(r.counts(i), "event " + i);
        }
        assertFalse(r.counts(5), "the pharmacy shipped them on");
        assertTrue(r.readingsCount("pharmacy", PHARMACY_GLN, h(1), h(3)));
        assertFalse(r.readingsCount("pharmacy", PHARMACY_GLN, h(3), h(6)));
        assertTrue(r.readingsCount("rival", RIVAL_GLN, h(3), h(6)));
    }

    @Test
    void anUnconfirmedShippingEventHandsNothingOn() {
        WriteRights r = WriteRights.of("maker", List.of(), List.of(
                shipping("rival", RIVAL_GLN, 1, "urn:epc:id:pgln:6909876.00001"),
                event("pharmacy", PHARMACY_GLN, 2)));
        assertFalse(r.counts(0));
        assertFalse(r.counts(1));
    }

    @Test
    void aGrantCoversWhatWasStoredBeforeItsRevocation() {
        Grant g = new Grant("carrier", h(3));
        WriteRights r = WriteRights.of("maker", List.of(g), List.of(event("carrier", null, 2), event("carrier", null, 4)));
        assertTrue(r.counts(0));
        assertFalse(r.counts(1));
        assertTrue(r.readingsCount("carrier", null, h(1), h(5)));
        assertFalse(r.readingsCount("carrier", null, h(3), h(5)));
    }

    @Test
    void withoutAKnownOwnerEverythingCounts() {
        WriteRights r = WriteRights.of(null, List.of(), List.of(event("rival", RIVAL_GLN, 1)));
        assertTrue(r.counts(0));
        assertFalse(r.applies());
    }

    @Test
    void partyGlnsOfEverySpelling() {
        assertEquals(PHARMACY_GLN, PartyGln.of("urn:epc:id:pgln:6909876.00001"));
        assertEquals(PHARMACY_GLN, PartyGln.of("urn:epc:id:sgln:6909876.00001.0"));
        assertEquals(PHARMACY_GLN, PartyGln.of("https://id.gs1.org/417/" + PHARMACY_GLN));
        assertEquals(PHARMACY_GLN, PartyGln.of("https://id.gs1.org/414/" + PHARMACY_GLN + "/254/dock1"));
        assertEquals(PHARMACY_GLN, PartyGln.of(PHARMACY_GLN));
        assertNull(PartyGln.of("6909876000015"));
        assertNull(PartyGln.of("urn:epc:id:sgtin:6909876.00001.1"));
    }
}
