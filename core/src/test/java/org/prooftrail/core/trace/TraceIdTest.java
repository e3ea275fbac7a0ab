package org.prooftrail.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceIdTest {

    @Test
    void sgtinUrnAndDigitalLinkAreOneItem() {
        TraceId urn = TraceId.parse("urn:epc:id:sgtin:0614141.812345.6789");
        assertEquals(TraceId.Kind.ITEM, urn.kind());
        assertEquals("80614141123458", urn.gtin());
        assertEquals("6789", urn.serial());
        assertEquals("https://id.gs1.org/01/80614141123458/21/6789", urn.key());
        TraceId link = TraceId.parse("https://example.com/dl/01/80614141123458/10/L1/21/6789?17=260101");
        assertEquals(urn.key(), link.key());
        assertEquals("L1", link.lot());
        assertTrue(link.aliases().contains("urn:epc:id:sgtin:0614141.812345.6789"), link.aliases().toString());
        assertTrue(link.aliases().contains("https://id.gs1.org/01/80614141123458/10/L1/21/6789"));
        assertEquals(urn.key(), TraceId.parse("/01/80614141123458/21/6789").key());
    }

    @Test
    void lotSpellings() {
        TraceId urn = TraceId.parse("urn:epc:class:lgtin:4012345.012345.LOT-7");
        assertEquals(TraceId.Kind.LOT, urn.kind());
        assertEquals("04012345123456", urn.gtin());
        assertEquals("LOT-7", urn.lot());
        assertEquals(urn.key(), TraceId.parse("04012345123456/LOT-7").key());
        assertEquals(urn.key(), TraceId.parse("4012345123456/LOT-7").key());
        assertEquals(urn.key(), TraceId.parse("/01/04012345123456/10/LOT-7").key());
        assertTrue(TraceId.parse("/01/04012345123456/10/LOT-7").aliases().contains("urn:epc:class:lgtin:4012345.012345.LOT-7"));
    }

    @Test
    void aLotsItemLinksStartWithItsPrefixUnderAnyBase() {
        TraceId lot = TraceId.parse("urn:epc:class:lgtin:4012345.012345.A-1%2FB");
        assertEquals("https://id.gs1.org/01/04012345123456/10/A-1%2FB/21/", lot.itemLinkPrefix(TraceId.CANONICAL_BASE));
        for (String base : new String[] {TraceId.CANONICAL_BASE, "https://example.com/dl"}) {
            TraceId item = TraceId.parse(lot.itemLinkPrefix(base) + "7");
            assertEquals(TraceId.Kind.ITEM, item.kind());
            assertEquals("A-1/B", item.lot());
            assertEquals(lot.key(), item.lotOf(item.lot()).key());
        }
        assertThrows(IllegalStateException.class, () -> TraceId.parse("/01/04012345123456/21/7").itemLinkPrefix(TraceId.CANONICAL_BASE));
    }

    @Test
    void ssccSpellings() {
        TraceId urn = TraceId.parse("urn:epc:id:sscc:0614141.1234567890");
        assertEquals(TraceId.Kind.CONTAINER, urn.kind());
        assertEquals("106141412345678908", urn.serial());
        TraceId link = TraceId.parse("https://id.gs1.org/00/106141412345678908");
        assertEquals(urn.key(), link.key());
        assertTrue(link.aliases().contains("urn:epc:id:sscc:0614141.1234567890"));
    }

    @Test
    void urnEscapesRoundTrip() {
        TraceId item = TraceId.parse("/01/80614141123458/21/A%2FB");
        assertEquals("A/B", item.serial());
        assertTrue(item.aliases().contains("urn:epc:id:sgtin:0614141.812345.A%2FB"), item.aliases().toString());
        assertEquals(item.key(), TraceId.parse("urn:epc:id:sgtin:0614141.812345.A%2FB").key());
    }

    @Test
    void otherCodesAreExact() {
        TraceId loc = TraceId.parse("urn:epc:id:sgln:0614141.00001.0");
        assertEquals(TraceId.Kind.OTHER, loc.kind());
        assertEquals(java.util.Set.of("urn:epc:id:sgln:0614141.00001.0"), loc.aliases());
        assertEquals(TraceId.Kind.OTHER, TraceId.parse("' OR 1=1 --").kind());
    }

    @Test
    void malformedGs1IdentifiersSayWhy() {
        assertThrows(IllegalArgumentException.class, () -> TraceId.parse("/01/80614141123459/21/1"));
        assertThrows(IllegalArgumentException.class, () -> TraceId.parse("urn:epc:id:sgtin:0614141.81234.1"));
        assertThrows(IllegalArgumentException.class, () -> TraceId.parse("/00/106141412345678900"));
        assertThrows(IllegalArgumentException.class, () -> TraceId.parse("/01/80614141123458"));
        assertThrows(IllegalArgumentException.class, () -> TraceId.parse(""));
        assertEquals(TraceId.Kind.OTHER, TraceId.ofStored("urn:epc:id:sgtin:bad").kind());
    }
}
