package org.prooftrail.anchor.ledger.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnchoredNoteTest {
    @Test
    void readsSizeAndRootAndHashesTheWholeNote() throws Exception {
        String note = TestNotes.note(42, TestNotes.root(7));
        AnchoredNote parsed = AnchoredNote.of(note);
        assertEquals(TestNotes.ORIGIN, parsed.checkpoint().origin());
        assertEquals(42, parsed.checkpoint().size());
        assertArrayEquals(TestNotes.root(7), parsed.checkpoint().root());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(note.getBytes(StandardCharsets.UTF_8)), parsed.noteSha256());
    }

    @Test
    void theSignatureLinesChangeTheHashButNotTheCheckpoint() {
        AnchoredNote a = AnchoredNote.of(TestNotes.note(9, TestNotes.root(1), "c2lnQQ=="));
        AnchoredNote b = AnchoredNote.of(TestNotes.note(9, TestNotes.root(1), "c2lnQg=="));
        assertEquals(a.checkpoint().size(), b.checkpoint().size());
        assertArrayEquals(a.checkpoint().root(), b.checkpoint().root());
        assertTrue(!java.util.Arrays.equals(a.noteSha256(), b.noteSha256()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "-1", "+1", "1.0", "", "x", "99999999999999999999"})
    void rejectsSizesThatAreNotCanonicalDecimal(String size) {
        String note = TestNotes.ORIGIN + "\n" + size + "\n" + java.util.Base64.getEncoder().encodeToString(TestNotes.root(1)) + "\n\nsig\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnchoredNote.of(note));
        assertTrue(e.getMessage().contains("size"), e.getMessage());
    }

    @Test
    void rejectsRootsThatAreNot32Bytes() {
        String note = TestNotes.ORIGIN + "\n5\n" + java.util.Base64.getEncoder().encodeToString(new byte[20]) + "\n\nsig\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnchoredNote.of(note));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AnchoredNote.of(TestNotes.ORIGIN + "\n5\nnot*base64\n\nsig\n"));
    }

    @Test
    void rejectsTruncatedNotes() {
        assertThrows(IllegalArgumentException.class, () -> AnchoredNote.of(null));
        assertThrows(IllegalArgumentException.class, () -> AnchoredNote.of(TestNotes.ORIGIN + "\n5\n"));
        assertThrows(IllegalArgumentException.class, () -> AnchoredNote.of("\n5\nAAAA\n\n"));
    }
}
