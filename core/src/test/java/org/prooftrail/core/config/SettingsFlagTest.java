package org.prooftrail.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsFlagTest {
    @Test
    void flagsAreTrueOrFalseAndAnythingElseIsRefusedByName() {
        Settings s = Settings.of(Map.of("A", "TRUE", "B", "false", "C", " ", "D", "yes"));
        assertTrue(s.flag("A", false));
        assertFalse(s.flag("B", true));
        assertTrue(s.flag("C", true), "blank takes the default");
        assertFalse(s.flag("MISSING", false));
        ConfigException e = assertThrows(ConfigException.class, () -> s.flag("D", true));
        assertTrue(e.getMessage().contains("D") && e.getMessage().contains("yes"), e.getMessage());
        assertEquals(true, Settings.of(Map.of()).flag("X", true));
    }
}
