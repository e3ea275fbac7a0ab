package org.prooftrail.api.provenance;

import java.time.Instant;
import java.util.List;

/** A span during which the goods sat at one location, and the devices there whose readings apply. */
public record CustodyWindow(String location, Instant from, Instant to, List<String> devices) {
}
