package org.prooftrail.core.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpcFormsTest {
    private static final Gtin GTIN = Gtin.parse("09521234543213");

    @Test
    void itemFormsHoldTheTdsExampleAndDigitalLinks() {
        Set<String> forms = EpcForms.item(GTIN, "L1", "A/1", List.of("https://id.gs1.org"));
        // GS1 TDS example: company prefix 9521234 (7 digits), item reference 0 + 54321
        assertTrue(forms.contains("urn:epc:id:sgtin:9521234.054321.A%2F1"), forms.toString());
        assertTrue(forms.contains("https://id.gs1.org/01/09521234543213/21/A%2F1"), forms.toString());
        assertTrue(forms.contains("https://id.gs1.org/01/09521234543213/10/L1/21/A%2F1"), forms.toString());
        assertEquals(2 + 7, forms.size());
    }

    @Test
    void lotFormsHoldTheLgtinClass() {
        Set<String> forms = EpcForms.lot(GTIN, "LOT42", List.of("https://id.gs1.org", "https://id.example.com"));
        assertTrue(forms.contains("urn:epc:class:lgtin:9521234.054321.LOT42"));
        assertTrue(forms.contains("urn:epc:class:lgtin:952123454321.0.LOT42"));
        assertTrue(forms.contains("https://id.example.com/01/09521234543213/10/LOT42"));
        assertEquals(2 + 7, forms.size());
    }
}
