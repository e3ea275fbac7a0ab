package org.prooftrail.core.envelope;

import org.prooftrail.core.config.Settings;

/**
 * The replay window: an envelope whose seq is more than this far below its device's highest stored
 * seq is refused (SEQ_OUT_OF_WINDOW), and so is one more than {@link #MAX_JUMP_SETTING} above it (a jump
 * that would otherwise put every later envelope of the device below the window; 2^63-1 would pin it
 * for good). The jump bound is its own setting, far larger by default: devices that start their seq
 * from the clock at boot (epoch milli- or microseconds, as the simulator's load runs do) jump by their
 * time off, which a window sized for counters (a million) would refuse after a second. One pair of
 * settings for every writer of envelopes, MQTT ingest and HTTP capture alike.
 */
public final class SeqWindow {
    public static final String SETTING = "PT_INGEST_SEQ_WINDOW";
    public static final int DEFAULT = 1_000_000;
    public static final String MAX_JUMP_SETTING = "PT_INGEST_SEQ_MAX_JUMP";
    /** 2^48: about nine years of microseconds, while 2^63-1 stays out of reach of any single step. */
    public static final long DEFAULT_MAX_JUMP = 1L << 48;

    private SeqWindow() {
    }

    public static long from(Settings s) {
        return s.integer(SETTING, DEFAULT, 1, Integer.MAX_VALUE);
    }

    /** How far above a device's highest seq an envelope may be ({@link #MAX_JUMP_SETTING}). */
    public static long maxJump(Settings s) {
        return s.whole(MAX_JUMP_SETTING, DEFAULT_MAX_JUMP, 1, Long.MAX_VALUE / 2);
    }
}
