package org.prooftrail.sim.load;

/** One good envelope as sent: who, which seq, when (epoch microseconds), and when it was acknowledged. */
public record Published(String device, long seq, long sentMicros, long ackedMicros) {
}
