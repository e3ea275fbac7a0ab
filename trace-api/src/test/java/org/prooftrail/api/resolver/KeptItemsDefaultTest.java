package org.prooftrail.api.resolver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many packs lookups keep by default follows the heap, so a small pod keeps fewer rather than run out. */
class KeptItemsDefaultTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void twoFifthsOfTheHeapAtTenKibAPackAtMostTwoHundredThousand() {
        assertEquals(47_185, ResolverSettings.defaultKeptItems(1152 * MIB), "the shipped trace-api pod's heap (75% of 1.5 GiB)");
        assertEquals(200_000, ResolverSettings.defaultKeptItems(6 * 1024 * MIB));
        assertEquals(1_000, ResolverSettings.defaultKeptItems(16 * MIB), "never fewer than a lot or so");
    }
}
