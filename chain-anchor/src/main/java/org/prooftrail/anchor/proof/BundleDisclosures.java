package org.prooftrail.anchor.proof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.prooftrail.core.sdjwt.DigestSites;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdJwtException;

/**
 * Which stored disclosures of an SD-JWT envelope a proof bundle carries (docs/proofs.md, "Who may fetch
 * a proof bundle"): all of them, for the owner organisation and regulators; or only those that reveal
 * what the owner's policy publishes anyway, for a caller allowed the bundle for another reason (a
 * public reading, a certificate's issuing event). The JWT and its digests are carried whole either
 * way: they are what the log commits to, and a withheld digest says a field exists without saying
 * what it holds.
 */
public enum BundleDisclosures {
    ALL,
    PUBLIC_BY_POLICY;

    /**
     * Per-organisation policies are not stored yet; every organisation's is the default, which is what
     * its devices conceal by.
     */
    private static final EpcisDisclosurePolicy POLICY = EpcisDisclosurePolicy.defaults();

    /** @param stored the disclosures stored with the envelope, in the order received */
    List<String> shown(ObjectNode signedPayload, List<String> stored) {
        if (this == ALL || stored.isEmpty()) {
            return stored;
        }
        List<Disclosure> parsed = new ArrayList<>();
        for (String encoded : stored) {
            try {
                parsed.add(Disclosure.parse(encoded));
            } catch (SdJwtException e) {
                // unreadable: shows nothing, so it is not shown
            }
        }
        Set<String> published = new HashSet<>();
        for (DigestSites.Site site : DigestSites.of(signedPayload, parsed)) {
            if (POLICY.publishes(site)) {
                published.add(site.disclosed().encoded());
            }
        }
        return stored.stream().filter(published::contains).toList();
    }
}
