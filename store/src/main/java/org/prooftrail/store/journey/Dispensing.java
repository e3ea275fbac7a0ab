package org.prooftrail.store.journey;

import java.time.Instant;

/**
 * The sale of a pack to a patient as a lookup shows it (the {@code dispensing} row, see
 * {@link org.prooftrail.store.dispensing.Dispensings}).
 *
 * @param at       when the seller sold it
 * @param location the GLN of the pharmacy or hospital
 */
public record Dispensing(Instant at, String orgId, String orgName, String location) {
}
