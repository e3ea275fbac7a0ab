package org.prooftrail.core.envelope;

import org.prooftrail.core.config.Settings;

/**
 * The replay window: an envelope whose seq is more than this far below its device's highest stored
 * seq is refused (SEQ_OUT_OF_WINDOW), and so is one more than this far above it (a jump that would
 * otherwise put every later envelope of the device below the window). One setting for every writer of
 * envelopes, MQTT ingest and HTTP capture alike.
 */
public final class SeqWindow {
    public static final String SETTING = "PT_INGEST_SEQ_WINDOW";
    public static final int DEFAULT = 1_000_000;

    private SeqWindow() {
    }

    public static long from(Settings s) {
        return s.integer(SETTING, DEFAULT, 1, Integer.MAX_VALUE);
    }
}
