package org.prooftrail.store.epcis;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The seqs a pseudo-device's next capture will most likely be given, so that its events can be signed
 * before the capture takes the device's row lock. The lock is what keeps one organisation's seqs
 * committed in the order they were handed out, and a document signed inside it (about 25 ms of both
 * cores for 1,000 events) kept the next document of the same organisation waiting for that too.
 *
 * <p>A forecast is only a guess: the transaction still allocates under the lock, and events signed
 * with seqs it was not given are signed again with the seqs it was (a capture that rolled back, another
 * replica capturing for the same organisation, documents reaching the lock out of order). A wrong guess
 * costs a second signing, never a wrong or missing seq; signatures made for a wrong guess are dropped
 * unseen.
 */
final class SeqForecast {
    private final ConcurrentHashMap<String, Long> next = new ConcurrentHashMap<>();

    /** Whether captures of {@code device} are forecast (else {@link #seed} it first). */
    boolean knows(String device) {
        return next.containsKey(device);
    }

    /** Forecasts from {@code committed}, the device's next seq as committed, unless a forecast was made since. */
    void seed(String device, long committed) {
        next.putIfAbsent(device, committed);
    }

    /**
     * Reserves {@code n} seqs of {@code device} after those already forecast to captures in flight
     * (from 0 if the device was never seeded).
     *
     * @return the first seq forecast
     */
    long take(String device, int n) {
        long[] first = new long[1];
        next.compute(device, (d, at) -> {
            first[0] = at == null ? 0 : at;
            return first[0] + n;
        });
        return first[0];
    }

    /** The allocation was {@code first}..{@code first + n - 1}, not what was forecast: forecast on from it. */
    void allocated(String device, long first, int n) {
        next.put(device, first + n);
    }

    /** A capture rolled back, handing its seqs back: read the committed next seq again. */
    void forget(String device) {
        next.remove(device);
    }
}
