package org.prooftrail.core.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemSerialTest {

    @Test
    void encodesEightyBitsAsSixteenCrockfordCharacters() {
        assertEquals("0000000000000000", ItemSerial.encode(new byte[10]));
        byte[] ones = new byte[10];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertEquals("ZZZZZZZZZZZZZZZZ", ItemSerial.encode(ones));
        // 0x00..01 is the last 5-bit group = 1
        byte[] one = new byte[10];
        one[9] = 1;
        assertEquals("0000000000000001", ItemSerial.encode(one));
        // the first group takes the top five bits of the first byte
        byte[] top = new byte[10];
        top[0] = (byte) 0b1111_1000;
        assertEquals("Z000000000000000", ItemSerial.encode(top));
    }

    @Test
    void serialsAreDistinctShapedAndValidInDigitalLinks() {
        ItemSerial serials = new ItemSerial();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String s = serials.next();
            assertTrue(ItemSerial.looksIssued(s), s);
            assertTrue(seen.add(s), "repeated " + s);
            new DigitalLink(Gtin.parse("09506000134352"), "L1", s); // throws unless GS1 set 82, <= 20 chars
        }
    }

    @Test
    void everyCharacterOfTheAlphabetTurnsUp() {
        ItemSerial serials = new ItemSerial(new Random(7));
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            serials.next().chars().forEach(c -> used.add((char) c));
        }
        assertEquals(32, used.size());
    }

    @Test
    void shapeCheckRefusesOtherStrings() {
        assertFalse(ItemSerial.looksIssued("0000000000000I00"));
        assertFalse(ItemSerial.looksIssued("000000000000000"));
        assertFalse(ItemSerial.looksIssued(null));
    }
}
