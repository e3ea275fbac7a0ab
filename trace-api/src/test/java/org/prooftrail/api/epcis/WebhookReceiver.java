package org.prooftrail.api.epcis;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver as a subscriber would run it: a real HTTP server on 127.0.0.1 that checks each
 * delivery's GS1-Signature with the secret of the path it was sent to and keeps what arrived. It can
 * be stopped and started again on the same port, to play a receiver that is down for a while.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One POST as received. */
    record Received(String path, JsonObject document, boolean signatureValid, String signature) {
        List<String> eventIds() {
            List<String> ids = new ArrayList<>();
            JsonArray list = document.getJsonObject("epcisBody").getJsonObject("queryResults")
                    .getJsonObject("resultsBody").getJsonArray("eventList");
            list.forEach(e -> ids.add(((JsonObject) e).getString("eventID")));
            return ids;
        }

        String subscriptionId() {
            return document.getJsonObject("epcisBody").getJsonObject("queryResults").getString("subscriptionID");
        }
    }

    private final Vertx vertx;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final java.util.Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new ArrayList<>();
    private final Duration delay;
    private int port;
    private HttpServer server;

    WebhookReceiver(Vertx vertx, Duration delay) {
        this.vertx = vertx;
        this.delay = delay;
    }

    /** The URL that deliveries for {@code path} go to, signed with {@code secret}. */
    String url(String path, String secret) {
        secrets.put(path, secret);
        return "http://127.0.0.1:" + port + path;
    }

    /** Requests to {@code path} are read and never answered, as by a receiver that hangs. */
    void hang(String path) {
        hanging.add(path);
    }

    void start() throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String secret = secrets.get(req.path());
            String signature = req.getHeader(org.prooftrail.api.epcis.WebhookSignature.HEADER);
            boolean valid = secret != null && WebhookSignature.verify(secret, body.getBytes(), signature);
            synchronized (received) {
                received.add(new Received(req.path(), body.toJsonObject(), valid, signature));
            }
            if (hanging.contains(req.path())) {
                return; // never answers: the sender's timeout has to end it
            }
            if (delay.isZero()) {
                req.response().setStatusCode(204).end();
            } else {
                vertx.setTimer(delay.toMillis(), t -> req.response().setStatusCode(204).end());
            }
        })).listen(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    /** Down: the port refuses connections until {@link #start()}. */
    void stop() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }

    List<Received> at(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** The eventIDs delivered to {@code path}, in arrival order, each once (its first arrival). */
    List<String> distinctEventIds(String path) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        at(path).forEach(r -> ids.addAll(r.eventIds()));
        return new ArrayList<>(ids);
    }

    /** Every eventID delivered to {@code path}, repeats included. */
    List<String> allEventIds(String path) {
        List<String> ids = new ArrayList<>();
        at(path).forEach(r -> ids.addAll(r.eventIds()));
        return ids;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close().await(10, TimeUnit.SECONDS);
        }
    }
}
