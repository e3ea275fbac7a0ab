package org.prooftrail.core.coldchain;

import java.time.Instant;
import java.util.List;

/**
 * A custody window as the coverage rule sees it: goods at one location from {@code from} to
 * {@code to}, and the devices registered there whose readings should have watched them.
 */
public record Watch(String location, Instant from, Instant to, List<String> devices) {
    public Watch {
        devices = List.copyOf(devices);
    }
}
