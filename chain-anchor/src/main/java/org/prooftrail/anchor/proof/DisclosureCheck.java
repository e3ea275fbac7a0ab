package org.prooftrail.anchor.proof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.envelope.Jws;
import org.prooftrail.core.envelope.MalformedJwsException;
import org.prooftrail.core.sdjwt.DigestSites;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.core.sdjwt.SdJwtException;
import org.prooftrail.core.sdjwt.SdPayloadProcessor;
import org.prooftrail.core.sdjwt.SdJwtVerifier;

/**
 * The step of a proof bundle's check that an SD-JWT envelope has: every disclosure the bundle carries
 * is named by a digest in the issuer-signed payload (so it is the issuer's, unchanged), and what stays
 * withheld is counted, each digest being a field that exists and is not shown. The signature over the
 * payload and the payload's place in the log are the other steps; together they bind each shown field
 * to the log without the log ever holding it.
 */
final class DisclosureCheck {
    static final String STEP = "disclosures";

    private DisclosureCheck() {
    }

    /** Whether the envelope is an SD-JWT: it carries disclosures (maybe none), or its payload names {@code _sd_alg}. */
    static boolean applies(ProofBundle.Envelope e) {
        if (e.disclosures() != null) {
            return true;
        }
        ObjectNode payload = payload(e.jws());
        return payload != null && payload.has("_sd_alg");
    }

    static BundleVerifier.Step check(ProofBundle.Envelope e) {
        ObjectNode payload = payload(e.jws());
        if (payload == null) {
            return fail("the issuer-signed JWT's payload is not a JSON object");
        }
        List<String> sent = e.disclosures() == null ? List.of() : e.disclosures();
        List<Disclosure> parsed = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            try {
                parsed.add(Disclosure.parse(sent.get(i)));
            } catch (SdJwtException ex) {
                return fail("disclosure " + (i + 1) + " of " + sent.size() + ": " + ex.getMessage());
            }
        }
        List<DigestSites.Site> sites = DigestSites.of(payload, parsed);
        Set<String> signed = new HashSet<>();
        sites.forEach(s -> signed.add(s.digest()));
        for (int i = 0; i < parsed.size(); i++) {
            Disclosure d = parsed.get(i);
            if (!signed.contains(d.digest())) {
                return fail("disclosure " + (i + 1) + " of " + parsed.size() + " (" + describe(d) + ", digest " + d.digest()
                        + ") matches no digest in the signed JWT: it was changed, or is not the issuer's");
            }
        }
        try {
            SdPayloadProcessor.process(payload, parsed);
        } catch (SdJwtException ex) {
            return fail(ex.getMessage());
        }
        return new BundleVerifier.Step(STEP, true, summary(sites));
    }

    /** "2 disclosed (event.parentID, event.epcList[] x1); 23 digests withheld (22 elements of event.epcList, 1 member of event)". */
    static String summary(List<DigestSites.Site> sites) {
        Map<String, Integer> shown = new LinkedHashMap<>();
        Map<String, Integer> withheld = new LinkedHashMap<>();
        int disclosed = 0;
        for (DigestSites.Site s : sites) {
            if (s.disclosed() != null) {
                disclosed++;
                shown.merge(s.field(), 1, Integer::sum);
            } else {
                withheld.merge((s.element() ? "element" : "member") + "\u0000" + (s.path().isEmpty() ? "the payload" : s.path()), 1, Integer::sum);
            }
        }
        List<String> shownList = new ArrayList<>();
        shown.forEach((field, n) -> shownList.add(field.endsWith("[]") ? field + " x" + n : field));
        List<String> withheldList = new ArrayList<>();
        withheld.forEach((where, n) -> {
            String[] kindAndPath = where.split("\u0000", 2);
            withheldList.add(n + " " + kindAndPath[0] + (n == 1 ? "" : "s") + " of " + kindAndPath[1]);
        });
        int hidden = sites.size() - disclosed;
        return disclosed + " disclosed" + (shownList.isEmpty() ? "" : " (" + String.join(", ", shownList) + ")")
                + "; " + hidden + " digest" + (hidden == 1 ? "" : "s") + " withheld"
                + (withheldList.isEmpty() ? "" : " (" + String.join(", ", withheldList) + "): fields that exist and are not shown");
    }

    private static String describe(Disclosure d) {
        return d.isArrayElement() ? "an array element" : "member \"" + d.name() + "\"";
    }

    private static BundleVerifier.Step fail(String detail) {
        return new BundleVerifier.Step(STEP, false, detail);
    }

    static ObjectNode payload(String jwt) {
        try {
            return SdJwtVerifier.payload(Jws.parse(jwt.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).payload());
        } catch (MalformedJwsException | SdJwtException | RuntimeException e) {
            return null;
        }
    }
}
