package org.prooftrail.core.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashingTest {
    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    private static final Pattern FORMAT =
            Pattern.compile("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");

    // The reference implementation's own Argon2id vectors (P-H-C/phc-winner-argon2, src/test.c, "Test
    // Argon2id version number: 13"): password "password", salt "somesalt", 32-byte tag, as it encodes them.
    // Three of them, so that m, t and p are each shown to reach the generator as written.
    private static final String REFERENCE_M64MIB_T2_P1 =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    private static final String REFERENCE_M64MIB_T1_P1 =
            "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg";
    private static final String REFERENCE_M256KIB_T2_P2 =
            "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc";

    @Test
    void aHashIsAPhcStringWithTodaysParametersAndVerifiesOnlyItsPassword() {
        String phc = PasswordHashing.hash(PASSWORD);
        assertTrue(FORMAT.matcher(phc).matches(), phc);
        assertTrue(PasswordHashing.verify(PASSWORD, phc));
        assertFalse(PasswordHashing.verify("correct horse batterY".toCharArray(), phc));
        assertFalse(PasswordHashing.verify(new char[0], phc));
        assertFalse(PasswordHashing.needsRehash(phc));
    }

    @Test
    void twoHashesOfOnePasswordDifferBecauseTheSaltDoes() {
        String a = PasswordHashing.hash(PASSWORD);
        String b = PasswordHashing.hash(PASSWORD);
        assertNotEquals(a, b);
        assertNotEquals(a.split("\\$")[4], b.split("\\$")[4]);
        assertTrue(PasswordHashing.verify(PASSWORD, b));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        char[] chinese = "溯源平台的管理员密码".toCharArray();
        String phc = PasswordHashing.hash(chinese);
        assertTrue(PasswordHashing.verify(chinese, phc));
        assertFalse(PasswordHashing.verify("溯源平台的管理员密吗".toCharArray(), phc));
    }

    @Test
    void theReferenceImplementationsVectorsVerifyWithTheParametersTheyName() {
        char[] password = "password".toCharArray();
        assertTrue(PasswordHashing.verify(password, REFERENCE_M64MIB_T2_P1));
        assertTrue(PasswordHashing.verify(password, REFERENCE_M64MIB_T1_P1));
        assertTrue(PasswordHashing.verify(password, REFERENCE_M256KIB_T2_P2));
        assertFalse(PasswordHashing.verify("differentpassword".toCharArray(), REFERENCE_M64MIB_T2_P1));
        // the same tag under another t or p no longer matches: the numbers are read, not assumed
        assertFalse(PasswordHashing.verify(password, REFERENCE_M64MIB_T1_P1.replace("t=1", "t=2")));
        assertFalse(PasswordHashing.verify(password, REFERENCE_M256KIB_T2_P2.replace("p=2", "p=1")));
        assertFalse(PasswordHashing.verify(password, REFERENCE_M256KIB_T2_P2.replace("m=256", "m=512")));
        // other parameters than today's ask for a fresh hash at the next sign-in
        assertTrue(PasswordHashing.needsRehash(REFERENCE_M64MIB_T2_P1));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "password",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ",
            "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=8,t=2,p=4$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29t*XNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29t$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$",
            " $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
    })
    void aMalformedStringVerifiesNothingAndThrowsNothing(String phc) {
        assertFalse(PasswordHashing.verify("password".toCharArray(), phc));
        assertTrue(PasswordHashing.needsRehash(phc));
    }

    @Test
    void aTooLongTagIsRefusedBeforeAnyHashing() {
        String huge = Base64.getEncoder().withoutPadding().encodeToString(new byte[1024]);
        assertFalse(PasswordHashing.verify("password".toCharArray(),
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$" + huge));
    }

    @Test
    void aNullPasswordVerifiesNothing() {
        assertFalse(PasswordHashing.verify(null, REFERENCE_M64MIB_T2_P1));
    }
}
