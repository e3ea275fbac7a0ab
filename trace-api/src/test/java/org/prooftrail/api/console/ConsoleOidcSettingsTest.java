package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/** OIDC sign-in is off without an issuer, and half a configuration is refused naming what is missing. */
class ConsoleOidcSettingsTest {
    private static final String ISSUER = ConsoleOidcSettings.ISSUER;
    private static final String ID = ConsoleOidcSettings.CLIENT_ID;
    private static final String SECRET = ConsoleOidcSettings.CLIENT_SECRET;

    @Test
    void offWithoutAnIssuer() {
        assertTrue(ConsoleOidcSettings.from(Settings.of(Map.of())).isEmpty());
    }

    @Test
    void aFullConfigurationWithDefaults() {
        ConsoleOidcSettings s = ConsoleOidcSettings.from(Settings.of(Map.of(ISSUER, "https://id.example.cn/realms/agri/",
                ID, "console", SECRET, "s3cret"))).orElseThrow();
        assertEquals("https://id.example.cn/realms/agri", s.issuer());
        assertEquals("role", s.roleClaim());
        assertEquals("org", s.orgClaim());
        assertEquals("id.example.cn", s.label());
        assertFalse(s.toString().contains("s3cret"), "the secret is not logged");
    }

    @Test
    void theSecretFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-a-file\n");
        ConsoleOidcSettings s = ConsoleOidcSettings.from(Settings.of(Map.of(ISSUER, "https://id.example.cn", ID, "console",
                ConsoleOidcSettings.CLIENT_SECRET_FILE, file.toString(), ConsoleOidcSettings.LABEL, "Agri ID",
                ConsoleOidcSettings.ROLE_CLAIM, "prooftrail_role"))).orElseThrow();
        assertEquals("from-a-file", s.clientSecret());
        assertEquals("Agri ID", s.label());
        assertEquals("prooftrail_role", s.roleClaim());
    }

    @Test
    void halfConfigurationsAreRefusedNamingTheSetting() {
        assertRefused(Map.of(ID, "console", SECRET, "x"), ISSUER, "is not set but " + ID + " is");
        assertRefused(Map.of(ISSUER, "https://id.example.cn", SECRET, "x"), ID, "needs its client id");
        assertRefused(Map.of(ISSUER, "https://id.example.cn", ID, "console"), SECRET, "needs its client secret");
        assertRefused(Map.of(ISSUER, "https://id.example.cn", ID, "console", SECRET, "x",
                ConsoleOidcSettings.CLIENT_SECRET_FILE, "/x"), SECRET, "not both");
        assertRefused(Map.of(ISSUER, "id.example.cn", ID, "console", SECRET, "x"), ISSUER, "issuer URL");
        assertRefused(Map.of(ISSUER, "https://id.example.cn", ID, "console", ConsoleOidcSettings.CLIENT_SECRET_FILE,
                "/no/such/file"), ConsoleOidcSettings.CLIENT_SECRET_FILE, "cannot read /no/such/file");
        assertRefused(Map.of(ISSUER, "https://id.example.cn", ID, "console", SECRET, "x",
                ConsoleOidcSettings.ORG_CLAIM, "org claim"), ConsoleOidcSettings.ORG_CLAIM, "name of an ID token claim");
    }

    private static void assertRefused(Map<String, String> values, String variable, String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConsoleOidcSettings.from(Settings.of(values)));
        assertEquals(variable, e.variable(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
