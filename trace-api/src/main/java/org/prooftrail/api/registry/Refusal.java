package org.prooftrail.api.registry;

import io.vertx.core.json.JsonObject;

/**
 * A request the registry refuses, with the status, a detail the caller can act on and the request
 * field at fault (or null). Thrown from blocking work and turned into a problem body by {@link BlockingReplies}.
 */
public final class Refusal extends RuntimeException {
    private final int status;
    private final String field;

    public Refusal(int status, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static Refusal badField(String field, String detail) {
        return new Refusal(400, field, field + ": " + detail);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(404, null, detail);
    }

    public static Refusal conflict(String field, String detail) {
        return new Refusal(409, field, detail);
    }

    public int status() {
        return status;
    }

    /** The problem's extra members: the field at fault, when there is one. */
    public JsonObject extra() {
        return field == null ? null : new JsonObject().put("field", field);
    }
}
