package org.prooftrail.api.resolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.core.config.Settings;

/**
 * The public resolver's settings.
 *
 * @param base            public base URL of this resolver (PT_RESOLVER_BASE_URL), or null to use the request's Host
 * @param regionThreshold distinct regions from which lookups of one code are flagged (PT_SCAN_REGION_THRESHOLD)
 * @param keepReadings    how long a custody window's readings, once read, serve further lookups
 *                        (PT_ANCHOR_INTERVAL, the staleness the issue allows; see RecentReadings)
 * @param keepJourneys    how long an item's assembled lookup is kept at most (PT_LOOKUP_KEEP; dropped
 *                        sooner when its data changes, see KeptJourneys); zero keeps none
 * @param keptItems       how many items' lookups are kept at most (PT_LOOKUP_KEPT_ITEMS)
 */
public record ResolverSettings(String base, int regionThreshold, Duration keepReadings,
                               Duration keepJourneys, long keptItems) {
    /**
     * Ten minutes: what it bounds (an open window's verdict aging without new data, other API
     * processes' scans, rows edited behind the writer's back) matters on that scale (a reading gap
     * counts from 15 minutes), while assembling every kept lot again each minute would cost more than
     * the lookups themselves (docs/benchmarks.md).
     */
    private static final Duration DEFAULT_KEEP_JOURNEYS = Duration.ofMinutes(10);
    /** Items hold their registry rows and events; their lot's windows, readings and chart are shared. */
    private static final long MOST_KEPT_ITEMS = 200_000;
    /**
     * Heap a kept pack holds, measured (LookupBenchmark: about 9 KB a pack, its lot's journey, readings and
     * the page's shared parts in both languages included), rounded up: the default keeps a pack per this
     * much of two fifths of the heap, so that a smaller pod keeps fewer packs rather than run out.
     */
    private static final long KEPT_PACK_BYTES = 10 * 1024;

    /** The default of {@link #KEPT_ITEMS}: two fifths of the heap at {@link #KEPT_PACK_BYTES} a pack, at most 200,000. */
    static long defaultKeptItems(long maxHeap) {
        return Math.max(1_000, Math.min(MOST_KEPT_ITEMS, maxHeap * 2 / 5 / KEPT_PACK_BYTES));
    }
    public static final String KEEP_JOURNEYS = "PT_LOOKUP_KEEP";
    public static final String KEPT_ITEMS = "PT_LOOKUP_KEPT_ITEMS";

    private static final Duration DEFAULT_KEEP = Duration.ofSeconds(1);
    public static final String BASE = "PT_RESOLVER_BASE_URL";
    /** The lookups' budget per client address, read with the other public budgets (PublicLimits). */
    public static final String RATE = org.prooftrail.api.limits.EndpointClass.LOOKUP.setting();
    public static final String REGIONS = "PT_SCAN_REGION_THRESHOLD";
    /** GS1's own resolver: events often name codes under it whatever resolver a company uses. */
    public static final String GS1_BASE = "https://id.gs1.org";

    public static ResolverSettings from(Settings s) {
        String base = s.optional(BASE).map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b).orElse(null);
        if (base != null && !base.matches("https?://[^/\\s]+(/[^\\s]*)?")) {
            throw new org.prooftrail.core.config.ConfigException(BASE, "must be an http(s) URL like https://id.example.com, got '" + base + "'");
        }
        return new ResolverSettings(base, s.integer(REGIONS, 3, 2, 10_000),
                s.duration(AnchorSettings.INTERVAL, DEFAULT_KEEP), s.duration(KEEP_JOURNEYS, DEFAULT_KEEP_JOURNEYS),
                s.integer(KEPT_ITEMS, (int) defaultKeptItems(Runtime.getRuntime().maxMemory()), 0, 10_000_000));
    }

    /** The bases under which events may name codes as Digital Link URIs. */
    public List<String> epcBases() {
        List<String> bases = new ArrayList<>(List.of(GS1_BASE));
        if (base != null) {
            bases.add(base);
        }
        return bases;
    }
}
