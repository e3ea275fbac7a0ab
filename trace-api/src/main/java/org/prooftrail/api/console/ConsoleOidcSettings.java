package org.prooftrail.api.console;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/**
 * Console sign-in through an external OpenID Connect provider, next to local accounts. Off unless an
 * issuer is set; with one, the client id and secret are required too.
 *
 * @param issuer       the provider's issuer URL ({@code PT_CONSOLE_OIDC_ISSUER}, without a trailing slash);
 *                     its metadata is read from {@code <issuer>/.well-known/openid-configuration}
 * @param clientId     the console's client id at the provider ({@code PT_CONSOLE_OIDC_CLIENT_ID})
 * @param clientSecret its secret ({@code PT_CONSOLE_OIDC_CLIENT_SECRET}, or a file named by
 *                     {@code PT_CONSOLE_OIDC_CLIENT_SECRET_FILE})
 * @param roleClaim    the ID token claim holding company, regulator or admin ({@code PT_CONSOLE_OIDC_ROLE_CLAIM},
 *                     default {@code role})
 * @param orgClaim     the claim holding a company's organisation id ({@code PT_CONSOLE_OIDC_ORG_CLAIM}, default
 *                     {@code org})
 * @param label        what the sign-in button names ({@code PT_CONSOLE_OIDC_LABEL}, default the issuer's host)
 */
public record ConsoleOidcSettings(String issuer, String clientId, String clientSecret, String roleClaim, String orgClaim,
                                  String label) {
    public static final String ISSUER = "PT_CONSOLE_OIDC_ISSUER";
    public static final String CLIENT_ID = "PT_CONSOLE_OIDC_CLIENT_ID";
    public static final String CLIENT_SECRET = "PT_CONSOLE_OIDC_CLIENT_SECRET";
    public static final String CLIENT_SECRET_FILE = "PT_CONSOLE_OIDC_CLIENT_SECRET_FILE";
    public static final String ROLE_CLAIM = "PT_CONSOLE_OIDC_ROLE_CLAIM";
    public static final String ORG_CLAIM = "PT_CONSOLE_OIDC_ORG_CLAIM";
    public static final String LABEL = "PT_CONSOLE_OIDC_LABEL";

    /** The settings, or empty when no issuer is set (then only local accounts sign in). */
    public static Optional<ConsoleOidcSettings> from(Settings s) {
        Optional<String> issuer = s.optional(ISSUER);
        if (issuer.isEmpty()) {
            for (String other : new String[] {CLIENT_ID, CLIENT_SECRET, CLIENT_SECRET_FILE}) {
                if (s.optional(other).isPresent()) {
                    throw new ConfigException(ISSUER, "is not set but " + other + " is; set " + ISSUER
                            + " to the provider's issuer URL to sign in through it, or unset " + other);
                }
            }
            return Optional.empty();
        }
        String iss = issuer.get().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(iss);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ISSUER, "must be the provider's issuer URL, got '" + issuer.get() + "'");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigException(ISSUER, "must be the provider's issuer URL (https://host[/path], no query), got '"
                    + issuer.get() + "'");
        }
        String clientId = s.optional(CLIENT_ID).orElseThrow(() -> new ConfigException(CLIENT_ID,
                "is not set; " + ISSUER + " is, so the console needs its client id at that provider"));
        Optional<String> inline = s.optional(CLIENT_SECRET);
        Optional<String> file = s.optional(CLIENT_SECRET_FILE);
        if (inline.isPresent() && file.isPresent()) {
            throw new ConfigException(CLIENT_SECRET, "set either " + CLIENT_SECRET + " or " + CLIENT_SECRET_FILE + ", not both");
        }
        String secret = inline.orElseGet(() -> file.map(ConsoleOidcSettings::read).orElseThrow(() -> new ConfigException(
                CLIENT_SECRET, "is not set (nor " + CLIENT_SECRET_FILE + "); " + ISSUER
                        + " is, so the console needs its client secret at that provider")));
        String roleClaim = claimName(s, ROLE_CLAIM, "role");
        String orgClaim = claimName(s, ORG_CLAIM, "org");
        return Optional.of(new ConsoleOidcSettings(iss, clientId, secret, roleClaim, orgClaim, s.string(LABEL, uri.getHost())));
    }

    private static String claimName(Settings s, String variable, String fallback) {
        String v = s.string(variable, fallback);
        if (!v.matches("[A-Za-z0-9_:.\\-/]{1,100}")) {
            throw new ConfigException(variable, "must be the name of an ID token claim, got '" + v + "'");
        }
        return v;
    }

    private static String read(String path) {
        try {
            String secret = Files.readString(Path.of(path), StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new ConfigException(CLIENT_SECRET_FILE, path + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new ConfigException(CLIENT_SECRET_FILE, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Not the secret: settings may be logged. */
    @Override
    public String toString() {
        return "ConsoleOidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", roleClaim=" + roleClaim
                + ", orgClaim=" + orgClaim + ", label=" + label + "]";
    }
}
