package org.prooftrail.api.epcis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.store.registry.DeviceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's attestation key for events captured over HTTP. Each organisation gets a pseudo-device
 * {@code <org>.epcis-api} of kind {@code api}, registered with this key on first use, so captured
 * events are signed envelopes like any device's and everyone can see that the server, not a sensor,
 * vouches for them.
 */
final class ServerAttestation {
    private static final Logger LOG = LoggerFactory.getLogger(ServerAttestation.class);
    static final String DEVICE_SUFFIX = ".epcis-api";
    static final String DEVICE_KIND = "api";

    private final SigningKey key;
    private final String keyTag;
    private final Map<String, JwsSigner> registered = new ConcurrentHashMap<>();

    ServerAttestation(SigningKey key) {
        this.key = key;
        this.keyTag = HexFormat.of().formatHex(sha256(key.verifyingKey().raw()), 0, 8);
    }

    static ServerAttestation load(EpcisSettings settings) {
        if (settings.signingKeyFile().isPresent()) {
            try {
                return new ServerAttestation(KeyFiles.readPrivate(settings.signingKeyFile().get()));
            } catch (IOException e) {
                throw new ConfigException(EpcisSettings.SIGNING_KEY_FILE, "cannot be read as a PEM private key ("
                        + e.getMessage() + "); create one with prooftrail keygen");
            }
        }
        SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
        ServerAttestation a = new ServerAttestation(key);
        LOG.warn("{} is not set: EPCIS capture signs with an ephemeral key {} that dies with this process; "
                + "events captured now stay verifiable (its public key is registered), but set a key file in production",
                EpcisSettings.SIGNING_KEY_FILE, a.keyTag);
        return a;
    }

    SigningKey key() {
        return key;
    }

    /** The organisation's pseudo-device id (device ids are at most 64 characters). */
    static String deviceFor(String org) {
        String base = org.length() + DEVICE_SUFFIX.length() <= 64 ? org
                : org.substring(0, 40) + "." + HexFormat.of().formatHex(sha256(org.getBytes(StandardCharsets.UTF_8)), 0, 4);
        return base + DEVICE_SUFFIX;
    }

    String kid(String device) {
        return device + "#" + keyTag;
    }

    /** Registers the pseudo-device and this key once per organisation; blocking. */
    JwsSigner signerFor(DeviceRegistry registry, String org) throws SQLException {
        JwsSigner signer = registered.get(org);
        if (signer != null) {
            return signer;
        }
        String device = deviceFor(org);
        registry.registerDevice(org, device, DEVICE_KIND);
        registry.addKey(device, kid(device), key.algorithm().jwsName(), PublicKeys.toPem(key.verifyingKey()));
        signer = new JwsSigner(kid(device), key);
        registered.put(org, signer);
        return signer;
    }

    /**
     * The key for page tokens: derived from a signature by the attestation key, so replicas that
     * share a deterministic (Ed25519) key file accept each other's tokens, and no second secret is needed.
     */
    byte[] pageTokenKey() {
        return sha256(key.sign("prooftrail epcis page tokens v1".getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
