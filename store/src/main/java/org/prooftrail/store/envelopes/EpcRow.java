package org.prooftrail.store.envelopes;

/** One row of table {@code event_epc}: an identifier the event names and the role it plays there. */
public record EpcRow(String epc, String role) {
}
