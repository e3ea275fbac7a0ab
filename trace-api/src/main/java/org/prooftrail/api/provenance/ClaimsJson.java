package org.prooftrail.api.provenance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.store.journey.UnconfirmedClaim;

/**
 * Unconfirmed claims as the owner and regulators see them ({@code unconfirmedClaims}, docs/custody.md):
 * each event with its writer, and each device whose readings were set aside, with why.
 */
public final class ClaimsJson {
    static final String EVENT_REASON = "written by an organisation that is not the owner, holds no grant of the owner "
            + "and did not hold custody of the goods at the time";
    static final String READINGS_REASON = "readings of a device whose organisation neither held custody of the goods "
            + "there nor holds a grant of the owner";

    private ClaimsJson() {
    }

    public static JsonArray of(Claims claims) {
        JsonArray out = new JsonArray();
        for (UnconfirmedClaim c : claims.events()) {
            JsonObject e = ProvenanceJson.event(c.event());
            e.remove("organisation");
            out.add(new JsonObject().put("kind", "event")
                    .put("organisation", new JsonObject().put("id", c.org()).put("name", c.event().orgName()))
                    .put("event", e).put("reason", EVENT_REASON));
        }
        for (Claims.Readings r : claims.readings()) {
            out.add(new JsonObject().put("kind", "readings").put("organisation", new JsonObject().put("id", r.org()))
                    .put("device", r.device()).put("location", r.location()).put("from", r.from().toString())
                    .put("to", r.to() == null ? null : r.to().toString()).put("readings", r.count())
                    .put("reason", READINGS_REASON));
        }
        return out;
    }
}
