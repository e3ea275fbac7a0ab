package org.prooftrail.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/**
 * How bearer tokens are checked. At least one key source: an HS256 shared secret (the demo and
 * small installations), a PEM public key (RS256 or ES256, tokens from an identity provider), or a
 * JWKS URL. Issuer and audience are always checked. With no key source every protected endpoint
 * answers 401: nothing that changes data is ever open by default.
 */
public record AuthSettings(byte[] hmacSecret, String publicKeyPem, String jwksUrl, String issuer, String audience) {
    public static final String SECRET = "PT_JWT_SECRET";
    public static final String SECRET_FILE = "PT_JWT_SECRET_FILE";
    public static final String PUBLIC_KEY_FILE = "PT_JWT_PUBLIC_KEY_FILE";
    public static final String JWKS_URL = "PT_JWT_JWKS_URL";
    public static final String ISSUER = "PT_JWT_ISSUER";
    public static final String AUDIENCE = "PT_JWT_AUDIENCE";
    public static final String DEFAULT_ISSUER = "prooftrail";
    public static final String DEFAULT_AUDIENCE = "prooftrail-api";
    /** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output. */
    public static final int MIN_SECRET_BYTES = 32;

    public static AuthSettings from(Settings s) {
        byte[] secret = null;
        Optional<String> inline = s.optional(SECRET);
        Optional<String> file = s.optional(SECRET_FILE);
        if (inline.isPresent() && file.isPresent()) {
            throw new ConfigException(SECRET, "set either " + SECRET + " or " + SECRET_FILE + ", not both");
        }
        if (inline.isPresent()) {
            secret = checkedSecret(SECRET, inline.get().getBytes(StandardCharsets.UTF_8));
        } else if (file.isPresent()) {
            secret = checkedSecret(SECRET_FILE, read(SECRET_FILE, file.get()).trim().getBytes(StandardCharsets.UTF_8));
        }
        String pem = s.optional(PUBLIC_KEY_FILE).map(p -> read(PUBLIC_KEY_FILE, p)).orElse(null);
        if (pem != null && !pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new ConfigException(PUBLIC_KEY_FILE, "must hold a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        String jwks = s.optional(JWKS_URL).orElse(null);
        if (jwks != null && !jwks.startsWith("https://") && !jwks.startsWith("http://")) {
            throw new ConfigException(JWKS_URL, "must be an http(s) URL, got '" + jwks + "'");
        }
        return new AuthSettings(secret, pem, jwks, s.string(ISSUER, DEFAULT_ISSUER), s.string(AUDIENCE, DEFAULT_AUDIENCE));
    }

    /** Shared-secret settings, as the demo and tests use. */
    public static AuthSettings withSecret(byte[] secret) {
        return new AuthSettings(checkedSecret(SECRET, secret), null, null, DEFAULT_ISSUER, DEFAULT_AUDIENCE);
    }

    public boolean anyKey() {
        return hmacSecret != null || publicKeyPem != null || jwksUrl != null;
    }

    private static byte[] checkedSecret(String variable, byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigException(variable, "an HS256 secret needs at least " + MIN_SECRET_BYTES
                    + " bytes, got " + secret.length + " (make one with: openssl rand -base64 48)");
        }
        return secret.clone();
    }

    private static String read(String variable, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(variable, "cannot read " + path + ": " + e.getMessage());
        }
    }
}
