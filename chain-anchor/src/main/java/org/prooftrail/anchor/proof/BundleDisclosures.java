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
     * @param stored the disclosures stored with the envelope, in the order received
     * @param ownerPolicy the policy of the organisation that owns the envelope's device, as stored now (the
     *     device concealed by whatever it chose; this decides only what the server passes on)
     */
    List<String> shown(ObjectNode signedPayload, List<String> stored, EpcisDisclosurePolicy ownerPolicy) {
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
            if (ownerPolicy.publishes(site)) {
                published.add(site.disclosed().encoded());
            }
        }
        return stored.stream().filter(published::contains).toList();
    }
}
