package org.prooftrail.ingest.verify;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices whose envelopes lately failed their signature check, whose next messages are checked alone
 * rather than in a batch with other devices'. A batch with one bad Ed25519 signature is checked again
 * one by one to name it, so a device that kept sending bad signatures would make every batch it
 * joins cost the batch and then every single check, for all the devices in it: about two and a half
 * times the batched cost of everyone's envelopes while it floods. Checked alone, its bad envelopes
 * cost what they did before batches.
 *
 * <p>Bounded: past {@code max} suspects, those whose time is up are let go, and a new one is not
 * remembered while none is (its bad signatures then spoil batches as before; nothing is lost).
 */
public final class SuspectDevices {
    private final long forNanos;
    private final int max;
    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();

    public SuspectDevices(Duration suspectFor, int max) {
        this.forNanos = suspectFor.toNanos();
        this.max = max;
    }

    /** Whether {@code device} sent a bad signature within the time given, as of {@code nowNanos}. */
    public boolean suspect(String device, long nowNanos) {
        Long end = until.get(device);
        if (end == null) {
            return false;
        }
        if (nowNanos - end < 0) {
            return true;
        }
        until.remove(device, end);
        return false;
    }

    /** {@code device} sent a bad signature at {@code nowNanos}. */
    public void badSignature(String device, long nowNanos) {
        if (until.size() >= max && !until.containsKey(device)) {
            until.values().removeIf(end -> nowNanos - end >= 0);
            if (until.size() >= max) {
                return;
            }
        }
        until.put(device, nowNanos + forNanos);
    }

    /** How many are remembered now (expired ones included until they are next asked for). */
    public int size() {
        return until.size();
    }
}
