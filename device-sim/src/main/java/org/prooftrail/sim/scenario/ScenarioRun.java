package org.prooftrail.sim.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * What a scenario acts through: the registry API, the MQTT publisher, and this run's id (device ids
 * and lot numbers carry it, so runs never collide). Events and readings go out as signed envelopes,
 * each device's in order; {@link #finish()} waits for every acknowledgement.
 */
public final class ScenarioRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScenarioApi api;
    private final MqttPublisher publisher;
    private final String runId;
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private int envelopes;
    private EpcisDisclosurePolicy eventPolicy;

    public ScenarioRun(ScenarioApi api, MqttPublisher publisher, String runId) {
        this.api = api;
        this.publisher = publisher;
        this.runId = runId;
    }

    /** Devices made from now on send their events as SD-JWTs under {@code policy} (null: plain JWS, the default). */
    public ScenarioRun sdJwtEvents(EpcisDisclosurePolicy policy) {
        this.eventPolicy = policy;
        return this;
    }

    public ScenarioApi api() {
        return api;
    }

    public String runId() {
        return runId;
    }

    /** A new device of this run ({@code name-runId}), registered with its key and location. */
    public SimDevice device(String org, String name, String kind, String location, SignatureAlgorithm alg) throws Exception {
        SimDevice d = new SimDevice(org, name + "-" + runId, alg, System.currentTimeMillis() * 1000).signEventsAsSdJwt(eventPolicy);
        api.device(d, kind, location);
        devices.add(d.id());
        return d;
    }

    public void events(SimDevice device, ObjectNode... events) throws InterruptedException {
        for (ObjectNode e : events) {
            Instant at = Instant.parse(e.path("eventTime").asText());
            send(device.eventsTopic(), device.event(at, e));
        }
    }

    /** Readings every {@code every} from {@code from} to {@code to}, one envelope an hour. */
    public int readings(SimDevice device, Instant from, Instant to, Duration every, Function<Instant, Double> temperature)
            throws InterruptedException {
        int n = 0;
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            ObjectNode payload = JSON.createObjectNode();
            payload.put("dev", device.id()).put("seq", device.nextSeq()).put("ts", hour.toString());
            ArrayNode list = payload.putArray("readings");
            for (Instant t = hour; t.isBefore(hour.plus(Duration.ofHours(1))) && t.isBefore(to); t = t.plus(every)) {
                list.addObject().put("t", t.toString()).put("temp", Math.round(temperature.apply(t) * 100) / 100.0)
                        .put("hum", 55.0);
                n++;
            }
            send(device.readingsTopic(), device.sign(payload));
        }
        return n;
    }

    private void send(String topic, byte[] payload) throws InterruptedException {
        sent.add(publisher.publish(topic, payload));
        envelopes++;
    }

    /** Waits for the broker's acknowledgement of everything sent; returns how many envelopes. */
    public int finish() throws Exception {
        CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).get(5, TimeUnit.MINUTES);
        return envelopes;
    }

    /** The devices of this run, e.g. to count what was stored. */
    public List<String> devices() {
        return List.copyOf(devices);
    }
}
