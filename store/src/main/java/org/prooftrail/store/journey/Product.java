package org.prooftrail.store.journey;

import org.prooftrail.core.coldchain.ColdChainRule;

/** A product as the public may see it: its GTIN, name, maker and cold-chain rule. */
public record Product(String gtin, String name, String category, String orgId, String orgName, ColdChainRule rule,
                      String cnDrugId) {
}
