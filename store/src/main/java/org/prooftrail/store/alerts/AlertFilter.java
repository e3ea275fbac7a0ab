package org.prooftrail.store.alerts;

import java.time.Instant;

/**
 * Which alerts a page lists, newest first.
 *
 * @param orgId    only those concerning this organisation, or null for all
 * @param kind     only this kind, or null
 * @param from     raised at or after, or null
 * @param to       raised before, or null
 * @param beforeId only alerts older than this one (the previous page's last), or null for the newest
 * @param limit    at most this many
 */
public record AlertFilter(String orgId, String kind, Instant from, Instant to, Long beforeId, int limit) {
}
