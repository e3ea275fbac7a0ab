package org.prooftrail.store.registry;

import java.time.Instant;

/**
 * One issued item (pack) of a lot.
 *
 * @param cnCode      its China drug traceability code, or null
 * @param status      active, dispensed or retired
 * @param dispensedAt when it left the supply chain, or null
 */
public record Item(String serial, String digitalLink, String cnCode, String status, Instant dispensedAt) {
}
