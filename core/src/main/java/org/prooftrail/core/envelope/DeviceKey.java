package org.prooftrail.core.envelope;

import java.util.Objects;
import org.prooftrail.core.crypto.VerifyingKey;

/**
 * A registered key as the key lookup reports it: which device it speaks for, and whether it has been
 * revoked. A revoked key is still reported (rather than looked up as absent) so that the rejection
 * says REVOKED_KEY, which an operator reads differently from an unknown device.
 */
public record DeviceKey(String kid, String deviceId, VerifyingKey key, boolean revoked) {
    public DeviceKey {
        Objects.requireNonNull(kid);
        Objects.requireNonNull(deviceId);
        Objects.requireNonNull(key);
    }

    public static DeviceKey active(String kid, String deviceId, VerifyingKey key) {
        return new DeviceKey(kid, deviceId, key, false);
    }
}
