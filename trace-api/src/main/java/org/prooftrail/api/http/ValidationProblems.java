package org.prooftrail.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Problems for requests the contract refused. The router wraps the validator's exception in an
 * {@link HttpException} whose own message is only "Bad Request"; the validator's message and the
 * schema's error list say what was wrong, and the instance location names the field ({@code /count}).
 */
public final class ValidationProblems {
    private ValidationProblems() {
    }

    /** The validator's exception behind a failure, or null when the failure is something else. */
    public static ValidatorException cause(Throwable failure) {
        if (failure instanceof ValidatorException v) {
            return v;
        }
        return failure instanceof HttpException h && h.getCause() instanceof ValidatorException v ? v : null;
    }

    public static String detail(ValidatorException v) {
        Set<String> reasons = new LinkedHashSet<>();
        if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
            collect(s.getOutputUnit(), reasons);
        }
        return reasons.isEmpty() ? v.getMessage() : v.getMessage() + " (" + String.join("; ", reasons) + ")";
    }

    /** The JSON Pointer of the first field at fault as {@code {"field": "count"}}, or null. */
    public static JsonObject field(ValidatorException v) {
        if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
            String at = firstLocation(s.getOutputUnit());
            if (at != null) {
                return new JsonObject().put("field", at);
            }
        }
        return null;
    }

    private static void collect(OutputUnit u, Set<String> out) {
        if (u.getErrors() != null && !u.getErrors().isEmpty()) {
            u.getErrors().forEach(e -> collect(e, out));
        } else if (u.getError() != null) {
            String at = location(u);
            out.add((at == null ? "" : at + ": ") + u.getError());
        }
    }

    private static String firstLocation(OutputUnit u) {
        if (u.getErrors() != null) {
            for (OutputUnit e : u.getErrors()) {
                String at = firstLocation(e);
                if (at != null) {
                    return at;
                }
            }
        }
        return location(u);
    }

    /** "#/count" or "/count" becomes "count"; the document root has no field name. */
    private static String location(OutputUnit u) {
        String at = u.getInstanceLocation();
        if (at == null) {
            return null;
        }
        at = at.startsWith("#") ? at.substring(1) : at;
        at = at.startsWith("/") ? at.substring(1) : at;
        return at.isEmpty() ? null : at;
    }
}
