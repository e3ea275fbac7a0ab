package org.prooftrail.core.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void gtinCheckDigitsOfPublishedExamples() {
        // GS1's own examples: GTIN-13 of the General Specifications and a GTIN-8, GTIN-12.
        assertEquals("09506000134352", Gtin.parse("09506000134352").value());
        assertEquals("00000096385074", Gtin.parse("96385074").value());
        assertEquals("00614141000036", Gtin.parse("614141000036").value());
    }

    @Test
    void gtinErrorsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gtin.parse("09506000134353"))
                .getMessage().contains("should be 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gtin.parse("123456789"))
                .getMessage().contains("8, 12, 13 or 14"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gtin.parse("0950600013435x"))
                .getMessage().contains("only digits"));
        assertNull(Gtin.problemOfRaw("4006381333931"));
    }

    @Test
    void digitalLinkPathsRoundTripAndPad() {
        DigitalLink dl = DigitalLink.parsePath("/01/9506000134352/10/LOT%2F7/21/abc-123");
        assertEquals("09506000134352", dl.gtin().value());
        assertEquals("LOT/7", dl.lot());
        assertEquals("abc-123", dl.serial());
        assertEquals("/01/09506000134352/10/LOT%2F7/21/abc-123", dl.path());
        assertEquals(dl, DigitalLink.parsePath(dl.path()));
        assertEquals("https://id.example/01/09506000134352", new DigitalLink(dl.gtin(), null, null).uri("https://id.example/"));
        assertNull(DigitalLink.parsePath("/01/09506000134352/21/s1").lot());
    }

    @Test
    void digitalLinkRefusesWrongOrderUnknownQualifiersAndBadValues() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DigitalLink.parsePath("/01/09506000134352/21/s1/10/L1")).getMessage().contains("before AI 21"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DigitalLink.parsePath("/01/09506000134352/17/261231")).getMessage().contains("query string"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DigitalLink.parsePath("/01/09506000134352/10")).getMessage().contains("pairs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DigitalLink.parsePath("/01/09506000134352/10/" + "x".repeat(21))).getMessage().contains("1 to 20"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DigitalLink.parsePath("/414/9506000134352")).getMessage().contains("AI 414"));
    }

    @Test
    void expiryDates() {
        assertEquals(LocalDate.of(2027, 3, 15), DigitalLink.expiry("270315").orElseThrow());
        assertEquals(LocalDate.of(2028, 2, 29), DigitalLink.expiry("280200").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> DigitalLink.expiry("271345"));
    }

    @Test
    void chinaDrugCodesIssuedHereCarryTheirCheck() {
        ChinaDrugCode c = ChinaDrugCode.issue("8123456");
        assertEquals(20, c.value().length());
        assertEquals("8123456", c.drugIdentifier());
        assertTrue(c.hasProofTrailCheck());
        char last = c.value().charAt(19);
        ChinaDrugCode typo = new ChinaDrugCode(c.value().substring(0, 19) + (char) ('0' + (last - '0' + 1) % 10));
        assertFalse(typo.hasProofTrailCheck());
        assertTrue(ChinaDrugCode.problemOf("8123456").contains("20 digits"));
        assertTrue(ChinaDrugCode.problemOf("8123456789012345678X").contains("20 digits"));
    }
}
