package org.prooftrail.store.registry;

/**
 * A product's new name, cold-chain rule (every part; null parts are no limit) and whether it is retired.
 * The GTIN, owner, category and China drug identifier never change: codes and certificates carry them.
 */
public record ProductEdit(String name, Double tempMinC, Double tempMaxC, Integer maxSingleExcursionMinutes,
                          Integer maxTotalExcursionMinutes, Integer maxReadingGapMinutes, boolean retired) {
    java.util.List<Object> rule() {
        return java.util.Arrays.asList(tempMinC, tempMaxC, toLong(maxSingleExcursionMinutes),
                toLong(maxTotalExcursionMinutes), toLong(maxReadingGapMinutes));
    }

    private static Long toLong(Integer v) {
        return v == null ? null : v.longValue();
    }
}
