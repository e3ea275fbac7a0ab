package org.prooftrail.anchor.witness;

/** A witness's HTTP answer to one request: status, content type and body. */
public record Answer(int status, String contentType, String body) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String SIZE = "text/x.tlog.size";

    static Answer of(int status, String message) {
        return new Answer(status, TEXT, message + "\n");
    }
}
