package org.prooftrail.core.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.trace.TraceId;

class EpcKeyTest {
    private static final String GS1 = "https://id.gs1.org";

    @Test
    void anSgtinInEverySpellingHasOneKey() {
        // GS1 TDS example: company prefix 0614141, indicator 8, item reference 12345 -> GTIN 80614141123458
        String key = GS1 + "/01/80614141123458/21/6789";
        for (String spelling : List.of("urn:epc:id:sgtin:0614141.812345.6789", key,
                "https://id.example.com/01/80614141123458/21/6789",
                "http://id.example.com/dl/01/80614141123458/10/L%2F1/21/6789?17=290101#x",
                "https://id.example.com/01/80614141123458/22/V1/10/L1/21/6789/")) {
            assertEquals(key, EpcKey.of(spelling), spelling);
        }
    }

    @Test
    void theKeyDoesNotDependOnTheCompanyPrefixLength() {
        Gtin gtin = Gtin.parse("09521234543213");
        for (String spelling : EpcForms.item(gtin, "L1", "A/1", List.of(GS1, "https://id.example.com"))) {
            assertEquals(GS1 + "/01/09521234543213/21/A%2F1", EpcKey.of(spelling), spelling);
        }
        for (String spelling : EpcForms.lot(gtin, "LOT/42", List.of(GS1, "https://id.example.com"))) {
            assertEquals(GS1 + "/01/09521234543213/10/LOT%2F42", EpcKey.of(spelling), spelling);
        }
    }

    @Test
    void aKeyIsItsOwnKeyAndTheTraceKey() {
        for (String code : List.of("urn:epc:id:sgtin:9521234.054321.A%2F1*%25", "urn:epc:class:lgtin:9521234.054321.L%3F1",
                "urn:epc:id:sscc:0614141.1234567890", "https://id.example.com/01/9521234543213/10/L1/21/S1")) {
            String key = EpcKey.of(code);
            assertEquals(key, EpcKey.of(key), code);
            assertEquals(TraceId.parse(code).key(), key, code);
        }
    }

    @Test
    void classesHaveTheirOwnKeys() {
        assertEquals(GS1 + "/01/80614141123458/10/998877", EpcKey.of("urn:epc:class:lgtin:0614141.812345.998877"));
        assertEquals(GS1 + "/01/80614141123458", EpcKey.of("urn:epc:idpat:sgtin:0614141.812345.*"));
        assertEquals(GS1 + "/01/80614141123458", EpcKey.of("https://id.example.com/01/80614141123458"));
        assertEquals(GS1 + "/01/80614141123458", EpcKey.of("https://id.example.com/01/80614141123458/22/V1"));
        // a GTIN-13 in a link is padded, as the canonical Digital Link requires
        assertEquals(GS1 + "/01/09521234543213/10/L1", EpcKey.of("https://id.example.com/01/9521234543213/10/L1"));
    }

    @Test
    void otherGs1KeysFollowTheTagDataStandard() {
        // values from the GS1 Tag Data Standard's examples (check digits as the standard gives them)
        assertEquals(GS1 + "/00/106141412345678908", EpcKey.of("urn:epc:id:sscc:0614141.1234567890"));
        assertEquals(GS1 + "/00/106141412345678908", EpcKey.of("https://example.com/00/106141412345678908"));
        assertEquals(GS1 + "/414/0614141123452/254/5678", EpcKey.of("urn:epc:id:sgln:0614141.12345.5678"));
        assertEquals(GS1 + "/414/0614141123452", EpcKey.of("urn:epc:id:sgln:0614141.12345.0"));
        assertEquals(GS1 + "/414/0614141123452", EpcKey.of("https://example.com/414/0614141123452/254/0"));
        assertEquals(GS1 + "/414/0614141123452/254/5678", EpcKey.of("https://example.com/414/0614141123452/254/5678"));
        assertEquals(GS1 + "/8003/00614141123452ABC%2F1", EpcKey.of("urn:epc:id:grai:0614141.12345.ABC%2F1"));
        assertEquals(GS1 + "/8003/00614141123452ABC%2F1", EpcKey.of("https://example.com/8003/00614141123452ABC%2F1"));
        assertEquals(GS1 + "/8004/0614141A1", EpcKey.of("urn:epc:id:giai:0614141.A1"));
        assertEquals(GS1 + "/8004/0614141A1", EpcKey.of("https://example.com/8004/0614141A1"));
        assertEquals(GS1 + "/8018/061414112345678902", EpcKey.of("urn:epc:id:gsrn:0614141.1234567890"));
        assertEquals(GS1 + "/253/0614141123452006847", EpcKey.of("urn:epc:id:gdti:0614141.12345.006847"));
        assertEquals(GS1 + "/8010/0614141ABC/8011/12", EpcKey.of("urn:epc:id:cpi:0614141.ABC.12"));
        assertEquals(GS1 + "/8010/0614141ABC/8011/12", EpcKey.of("https://example.com/8010/0614141ABC/8011/12"));
    }

    @Test
    void anythingElseIsItsOwnKey() {
        for (String code : List.of("urn:epc:id:gid:95100000.12345.400", "urn:epc:id:sgtin:0614141.812345",
                "urn:epc:id:sgtin:0614141.81234.6789", "https://id.example.com/01/80614141123459/21/6789",
                "https://id.example.com/01/80614141123458/21/6789/10/L1", "https://example.com/about",
                "https://example.com/01/x", "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", "plain words",
                "urn:epc:id:sgtin:0614141.812345.%2", "https://example.com/00/106141412345678909",
                "https://x.example?q=/01/80614141123458/21/1", "https://x.example/01/80614141123458/21/a b",
                "https://x.example/01/80614141123458/21/a%zz", "https://x.example/01/8061414112345/21/ok")) {
            assertEquals(code, EpcKey.of(code), code);
        }
    }
}
