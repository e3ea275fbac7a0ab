package org.prooftrail.api.console;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the API answered one of the console's calls: status, headers and the whole body. */
public record ApiAnswer(int status, MultiMap headers, Buffer body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public JsonObject json() {
        return body.length() == 0 ? new JsonObject() : new JsonObject(body);
    }

    public JsonArray jsonArray() {
        return new JsonArray(body);
    }

    /**
     * Why the API refused: the detail of its RFC 9457 problem body (with the field it names), else the
     * status alone.
     */
    public String problem() {
        try {
            JsonObject p = json();
            String detail = p.getString("detail", p.getString("title", "HTTP " + status));
            return status + ": " + detail;
        } catch (DecodeException | ClassCastException e) {
            return "HTTP " + status;
        }
    }
}
