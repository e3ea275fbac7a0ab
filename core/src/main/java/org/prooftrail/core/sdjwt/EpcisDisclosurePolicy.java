package org.prooftrail.core.sdjwt;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which parts of an EPCIS event an organisation publishes in the clear; everything else is issued
 * as salted digests (docs/envelope.md, "SD-JWT events"). A value: an organisation's own policy is
 * the default with changes ({@link #withPublicMember}), to be stored per organisation later.
 *
 * @param publicMembers top-level event members in the clear
 * @param publicIlmdMembers ILMD members in the clear (lot and expiry by default); the rest of ILMD is concealed member by member
 * @param publicQuantityClasses whether quantity list entries show their {@code epcClass} (the product or lot class) in the clear;
 *     their {@code quantity} and {@code uom} are always concealed
 */
public record EpcisDisclosurePolicy(Set<String> publicMembers, Set<String> publicIlmdMembers, boolean publicQuantityClasses) {

    /**
     * The default. {@code action} and {@code @context} are public too although the list does
     * not name them: they carry no business data, and without them the public fields cannot be read
     * (an ADD and a DELETE of the same lot mean opposite things).
     */
    private static final EpcisDisclosurePolicy DEFAULT = new EpcisDisclosurePolicy(
            Set.of("@context", "type", "action", "eventTime", "eventTimeZoneOffset", "bizStep", "disposition",
                    "readPoint", "bizLocation"),
            Set.of("cbvmda:lotNumber", "urn:epcglobal:cbv:mda#lotNumber", "cbvmda:itemExpirationDate",
                    "urn:epcglobal:cbv:mda#itemExpirationDate"),
            true);

    public EpcisDisclosurePolicy {
        publicMembers = Set.copyOf(publicMembers);
        publicIlmdMembers = Set.copyOf(publicIlmdMembers);
    }

    public static EpcisDisclosurePolicy defaults() {
        return DEFAULT;
    }

    public EpcisDisclosurePolicy withPublicMember(String member) {
        Set<String> members = new HashSet<>(publicMembers);
        members.add(Objects.requireNonNull(member));
        return new EpcisDisclosurePolicy(members, publicIlmdMembers, publicQuantityClasses);
    }

    public EpcisDisclosurePolicy withConcealedMember(String member) {
        Set<String> members = new HashSet<>(publicMembers);
        members.remove(member);
        return new EpcisDisclosurePolicy(members, publicIlmdMembers, publicQuantityClasses);
    }

    public boolean isPublic(String member) {
        return publicMembers.contains(member);
    }

    /**
     * Whether a disclosure of an event envelope ({@code {"dev", "seq", "ts", "event"}}) reveals what this
     * policy shows in the clear anyway: an issuer may conceal more than the policy asks, and whoever may
     * read the public fields may read those disclosures too. A public event member, an element of a
     * public list, a public ILMD member, a quantity entry's {@code epcClass}.
     */
    public boolean publishes(DigestSites.Site site) {
        if (site.disclosed() == null) {
            return false;
        }
        String path = site.path();
        if (site.element()) {
            return path.startsWith("event.") && isPublic(path.substring("event.".length()));
        }
        String name = site.disclosed().name();
        if (path.equals("event")) {
            return isPublic(name);
        }
        if (path.equals("event.ilmd")) {
            return publicIlmdMembers.contains(name);
        }
        return publicQuantityClasses && name.equals("epcClass")
                && EpcisEventConcealer.QUANTITY_LISTS.stream().anyMatch(l -> path.matches("event\\." + l + "\\[\\d+]"));
    }
}
