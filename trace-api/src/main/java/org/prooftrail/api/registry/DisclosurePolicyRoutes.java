package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.store.registry.DisclosurePolicies;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.StoredDisclosurePolicy;

/**
 * An organisation's disclosure policy (docs/envelope.md, "SD-JWT events"): which fields of its EPCIS
 * events stay in the clear when the server signs its captures, and which disclosures of its envelopes a
 * proof bundle carries to callers who may not read them whole. Its company token, regulators and admins
 * read it (the default, marked so, until one is stored); only its company token replaces it.
 */
final class DisclosurePolicyRoutes {
    private final DisclosurePolicies policies;
    private final Organisations orgs;

    DisclosurePolicyRoutes(DisclosurePolicies policies, Organisations orgs) {
        this.policies = policies;
        this.orgs = orgs;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("getDisclosurePolicy").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> {
                    String org = ctx.pathParam("org");
                    if (m.auth().checkRead(ctx, org)) {
                        BlockingReplies.json(workers, ctx, 200, () -> {
                            requireOrganisation(org);
                            return json(policies.of(org));
                        });
                    }
                });
        m.operation("putDisclosurePolicy").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            String org = ctx.pathParam("org");
            if (!m.auth().checkWrite(ctx, org)) {
                return;
            }
            EpcisDisclosurePolicy policy;
            try {
                policy = parse(BlockingReplies.body(ctx));
            } catch (Refusal e) {
                BlockingReplies.fail(ctx, e);
                return;
            }
            String subject = BearerAuth.principal(ctx).subject();
            BlockingReplies.json(workers, ctx, 200, () -> {
                requireOrganisation(org);
                return json(policies.put(org, policy, subject));
            });
        });
    }

    private void requireOrganisation(String org) throws java.sql.SQLException {
        if (!orgs.exists(org)) {
            throw Refusal.notFound("no organisation '" + org + "'");
        }
    }

    /**
     * A policy from a request: only EPCIS event members (standard or extension names) and namespaced ILMD
     * names, and never one that conceals a member every policy keeps public.
     */
    static EpcisDisclosurePolicy parse(JsonObject body) {
        Set<String> members = names(body.getJsonArray("publicMembers"), "publicMembers");
        for (String member : members) {
            if (!EpcisDisclosurePolicy.isEventMember(member)) {
                throw Refusal.badField("publicMembers", "'" + member + "' is not an EPCIS event member "
                        + "(a standard one such as bizTransactionList, or an extension's prefix:name)");
            }
        }
        for (String kept : EpcisDisclosurePolicy.ALWAYS_PUBLIC.stream().sorted().toList()) {
            if (!members.contains(kept)) {
                throw Refusal.badField(kept, "stays public under every policy (the log's pages, traces and "
                        + "verdicts place events by it): list it in publicMembers");
            }
        }
        Set<String> ilmd = names(body.getJsonArray("publicIlmdMembers"), "publicIlmdMembers");
        for (String member : ilmd) {
            if (!EpcisDisclosurePolicy.isExtensionName(member)) {
                throw Refusal.badField("publicIlmdMembers", "'" + member + "' is not an ILMD member name "
                        + "(prefix:name such as cbvmda:lotNumber, or a URI)");
            }
        }
        return new EpcisDisclosurePolicy(members, ilmd, body.getBoolean("publicQuantityClasses"));
    }

    private static Set<String> names(JsonArray array, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (Object o : array) {
            if (!(o instanceof String s)) {
                throw Refusal.badField(field, "lists member names as strings");
            }
            out.add(s);
        }
        return out;
    }

    static JsonObject json(StoredDisclosurePolicy p) {
        EpcisDisclosurePolicy policy = p.policy();
        return new JsonObject().put("org", p.org()).put("default", !p.stored())
                .put("publicMembers", new JsonArray(policy.publicMembers().stream().sorted().toList()))
                .put("publicIlmdMembers", new JsonArray(policy.publicIlmdMembers().stream().sorted().toList()))
                .put("publicQuantityClasses", policy.publicQuantityClasses())
                .put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toString())
                .put("updatedBy", p.updatedBy());
    }
}
