package org.prooftrail.api.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

class CertificateSettingsTest {
    private static CertificateSettings with(String retention) {
        return CertificateSettings.from(Settings.of(Map.of(CertificateSettings.RETENTION, retention)));
    }

    @Test
    void retentionIsSixMonthsByDefaultAndNeverLess() {
        assertEquals(Period.ofMonths(6), CertificateSettings.from(Settings.of(Map.of())).retention());
        assertEquals(Period.ofYears(2), with("P2Y").retention());
        assertEquals(Period.ofDays(186), with("P186D").retention());
        for (String shorter : new String[] {"P5M", "P180D", "P5M29D", "P0D", "-P1Y"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> with(shorter), shorter);
            assertTrue(e.getMessage().contains(CertificateSettings.RETENTION) && e.getMessage().contains("six months"),
                    e.getMessage());
        }
        assertTrue(assertThrows(ConfigException.class, () -> with("six months")).getMessage().contains("ISO-8601"));
    }

    @Test
    void aNamedFontMustBeReadable() {
        ConfigException e = assertThrows(ConfigException.class, () -> CertificateSettings.from(
                Settings.of(Map.of(CertificateSettings.FONT, "/nonexistent/font.ttf"))));
        assertTrue(e.getMessage().contains(CertificateSettings.FONT), e.getMessage());
    }
}
