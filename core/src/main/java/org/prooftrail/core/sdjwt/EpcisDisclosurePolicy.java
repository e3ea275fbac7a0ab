package org.prooftrail.core.sdjwt;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which parts of an EPCIS event an organisation publishes in the clear; everything else is issued
 * as salted digests (docs/envelope.md, "SD-JWT events"). A value: the default, or an organisation's
 * own policy as the registry stores it ({@code PUT /v1/orgs/{org}/disclosure-policy}).
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

    /**
     * The members every policy keeps public: the log's pages, traces and verdicts order and show events
     * by them, so an event without them in the clear could not be placed at all.
     */
    public static final Set<String> ALWAYS_PUBLIC = Set.of("type", "eventTime", "eventTimeZoneOffset");

    /**
     * The event members EPCIS 2.0 defines (its JSON-LD names); a policy names these or extension members
     * ({@code prefix:name} or an absolute URI).
     */
    public static final Set<String> STANDARD_MEMBERS = Set.of("@context", "type", "eventID", "eventTime",
            "eventTimeZoneOffset", "recordTime", "errorDeclaration", "certificationInfo", "action", "bizStep",
            "disposition", "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList",
            "destinationList", "sensorElementList", "ilmd", "epcList", "quantityList", "parentID", "childEPCs",
            "childQuantityList", "inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList",
            "transformationID");

    private static final java.util.regex.Pattern EXTENSION_NAME =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9._-]*:[^\\s\"]{1,200}");

    public EpcisDisclosurePolicy {
        publicMembers = Set.copyOf(publicMembers);
        publicIlmdMembers = Set.copyOf(publicIlmdMembers);
    }

    /** Whether {@code name} may be a top-level member of an EPCIS event: a standard one or an extension's. */
    public static boolean isEventMember(String name) {
        return STANDARD_MEMBERS.contains(name) || isExtensionName(name);
    }

    /** Whether {@code name} may be an ILMD member: always a namespaced name ({@code cbvmda:lotNumber}, a URI). */
    public static boolean isExtensionName(String name) {
        return name != null && name.length() <= 250 && EXTENSION_NAME.matcher(name).matches();
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
     * policy shows in the clear anyway: an issuer may conceal more than the policy asks (a device, or an
     * envelope signed before the policy published more), and whoever may read the public fields may read
     * those disclosures too. A public event member, anything inside one (an element of a public list, a
     * quantity entry's {@code quantity} when {@code quantityList} is public), a public ILMD member, a
     * quantity entry's {@code epcClass}.
     */
    public boolean publishes(DigestSites.Site site) {
        if (site.disclosed() == null) {
            return false;
        }
        String path = site.path();
        String name = site.disclosed().name();
        if (path.equals("event")) {
            return isPublic(name);
        }
        if (!path.startsWith("event.")) {
            return false;
        }
        String inside = path.substring("event.".length());
        if (isPublic(inside.split("[.\\[]", 2)[0])) {
            return true;
        }
        if (site.element()) {
            return false;
        }
        if (path.equals("event.ilmd")) {
            return publicIlmdMembers.contains(name);
        }
        return publicQuantityClasses && name.equals("epcClass")
                && EpcisEventConcealer.QUANTITY_LISTS.stream().anyMatch(l -> path.matches("event\\." + l + "\\[\\d+]"));
    }
}
