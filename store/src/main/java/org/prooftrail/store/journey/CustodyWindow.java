package org.prooftrail.store.journey;

import java.time.Instant;
import java.util.List;

/**
 * A span during which the goods sat at one location, and the devices there whose readings apply.
 *
 * @param open whether the goods are still there ({@code to} is then the time of the lookup)
 */
public record CustodyWindow(String location, Instant from, Instant to, boolean open, List<String> devices) {
}
