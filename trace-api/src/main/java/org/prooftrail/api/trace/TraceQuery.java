package org.prooftrail.api.trace;

import org.prooftrail.core.trace.TraceId;
import org.prooftrail.core.trace.TraceWalk;

/**
 * One page of a trace as asked: the start (as given and as parsed), which way, how deep, how many
 * nodes per page and where the page starts in the walk.
 */
record TraceQuery(String code, TraceId start, TraceWalk.Direction direction, int depth, int limit, long offset) {
    static final int DEFAULT_DEPTH = 20;
    static final int MAX_DEPTH = 50;
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 100_000;

    String directionName() {
        return direction == TraceWalk.Direction.FORWARD ? "forward" : "back";
    }
}
