package org.prooftrail.store.journey;

/**
 * An event about someone's goods by an organisation that was neither their owner, nor granted by it,
 * nor holding custody of them at the time ({@link org.prooftrail.core.custody.WriteRights}): stored and
 * attributed, shown to the owner and regulators, never on the journey, the page or the verdict.
 *
 * @param org the writer organisation's id ({@code event.orgName()} is its name)
 */
public record UnconfirmedClaim(TimelineEvent event, String org) {
}
