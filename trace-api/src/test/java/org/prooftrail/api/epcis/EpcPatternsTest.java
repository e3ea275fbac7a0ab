package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prooftrail.core.identifiers.EpcKey;

/** Pure: the key expressions, read here as Java regular expressions (the escapes used mean the same in PostgreSQL's). */
class EpcPatternsTest {
    private static final String ITEM = "urn:epc:id:sgtin:0614141.812345.6789";
    private static final String LINKED = "https://id.example.com/01/80614141123458/10/L1/21/6789";

    private static boolean keyMatches(String pattern, String identifier) {
        return EpcKey.of(identifier).matches(EpcPatterns.keyRegex(pattern));
    }

    @Test
    void anSgtinPatternMatchesTheItemInEverySpelling() {
        for (String pattern : new String[] {"urn:epc:idpat:sgtin:0614141.812345.6789", "urn:epc:idpat:sgtin:0614141.812345.*",
                "urn:epc:idpat:sgtin:0614141.*.*", "urn:epc:idpat:sgtin:*.*.*"}) {
            assertTrue(keyMatches(pattern, ITEM), pattern);
            assertTrue(keyMatches(pattern, LINKED), pattern);
        }
        assertFalse(keyMatches("urn:epc:idpat:sgtin:0614141.812345.6780", LINKED));
        assertFalse(keyMatches("urn:epc:idpat:sgtin:0614142.*.*", LINKED));
        assertFalse(keyMatches("urn:epc:idpat:sgtin:0614141.812346.*", LINKED));
        // a lot (class) is no instance
        assertFalse(keyMatches("urn:epc:idpat:sgtin:*.*.*", "urn:epc:class:lgtin:0614141.812345.L1"));
    }

    @Test
    void serialsAreMatchedAsEncodedAndQuoted() {
        assertTrue(keyMatches("urn:epc:idpat:sgtin:0614141.812345.A%2F1", "urn:epc:id:sgtin:0614141.812345.A%2F1"));
        assertTrue(keyMatches("urn:epc:idpat:sgtin:0614141.812345.A%2F1", "https://x.example/01/80614141123458/21/A%2F1"));
        // '.' in a key is a literal, not "any character"
        assertFalse(keyMatches("urn:epc:idpat:sgtin:0614141.812345.A-1", "https://x.example/01/80614141123458/21/A.1"));
    }

    @Test
    void anSsccPatternMatchesTheContainerInEverySpelling() {
        String link = "https://id.example.com/00/106141412345678908";
        assertTrue(keyMatches("urn:epc:idpat:sscc:0614141.1234567890", link));
        assertTrue(keyMatches("urn:epc:idpat:sscc:0614141.*", link));
        assertTrue(keyMatches("urn:epc:idpat:sscc:*.*", "urn:epc:id:sscc:0614141.1234567890"));
        assertFalse(keyMatches("urn:epc:idpat:sscc:0614142.*", link));
    }

    @Test
    void otherSchemesAndImpossibleKeysMatchUrnSpellingsOnly() {
        assertNull(EpcPatterns.keyRegex("urn:epc:idpat:grai:0614141.12345.*"));
        assertNull(EpcPatterns.keyRegex("urn:epc:idpat:sgtin:0614141.81234.*"));
        assertNull(EpcPatterns.keyRegex("urn:epc:idpat:sgtin:*.812345.*"));
        assertNull(EpcPatterns.keyRegex("urn:epc:idpat:sgtin:0614141.812345"));
    }
}
