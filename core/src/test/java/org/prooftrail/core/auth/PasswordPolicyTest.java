package org.prooftrail.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    @Test
    void tenCharactersUpToTwoHundredAreAccepted() {
        assertNull(PasswordPolicy.problem("abcdefghij"));
        assertNull(PasswordPolicy.problem("a".repeat(199) + "b"));
        // counted as characters, not UTF-16 units or bytes
        assertNull(PasswordPolicy.problem("溯源平台管理员的密码好"));
        assertEquals("the password must have at least 10 characters", PasswordPolicy.problem("溯源平台管理员的密码"
                .substring(0, 9)));
    }

    @Test
    void shortLongEmptyAndRepeatedPasswordsAreRefusedWithAReason() {
        assertEquals("a password is required", PasswordPolicy.problem(null));
        assertEquals("a password is required", PasswordPolicy.problem(""));
        assertEquals("the password must have at least 10 characters", PasswordPolicy.problem("abcdefghi"));
        assertEquals("the password must have at most 200 characters", PasswordPolicy.problem("ab".repeat(100) + "c"));
        assertEquals("the password must not be one character repeated", PasswordPolicy.problem("aaaaaaaaaaaa"));
        // 18 UTF-16 units but 9 characters
        assertEquals("the password must have at least 10 characters", PasswordPolicy.problem("😀".repeat(9)));
    }
}
