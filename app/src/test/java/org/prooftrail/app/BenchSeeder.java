package org.prooftrail.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchOutcome;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.registry.WriteGrants;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;
import org.prooftrail.store.testing.SigningDevice;

/**
 * Stores a {@link BenchPopulation} as production would hold it: registry rows through the registry's
 * writers, every event and reading envelope signed by its device ({@link SigningDevice}), verified and
 * written by the store's {@link BatchWriter} (so envelope, chunk, reading, epcis_event and event_epc
 * rows are the real derived rows), and the chunks appended to the log and checkpointed by
 * {@link AnchorStep} while the writers run. One task per device keeps each device's seqs consecutive
 * and in time order; tasks run on {@code workers} threads.
 */
final class BenchSeeder {
    static final String LOG_ORIGIN = AllRolesNode.LOG_ORIGIN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    record Seeded(long envelopes, long readings, long events, long checkpointSize, double seconds) {
    }

    private final DataSource db;
    private final BenchPopulation plan;
    private final int workers;
    private final BatchWriter writer;
    private final AtomicLong envelopes = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    /** Thread time spent signing and verifying, and writing: says which one bounds seeding. */
    private final AtomicLong signNanos = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();

    BenchSeeder(DataSource db, BenchPopulation plan, int workers) {
        this.db = db;
        this.plan = plan;
        this.workers = workers;
        this.writer = new BatchWriter(db, MerkleHasher.sha256(), Long.MAX_VALUE / 4);
    }

    Seeded seed(SigningKey logKey) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong treeSize = new AtomicLong();
        try {
            Map<String, SigningDevice> signers = registry(pool);
            log(start, "registry: %d organisations, %d products, %d lots, %,d items, %d devices", plan.orgs.size(),
                    plan.products.size(), plan.lots.size(), plan.itemCount(), plan.devices.size());
            ticker.scheduleWithFixedDelay(() -> {
                try {
                    treeSize.set(AnchorStep.once(db, LOG_ORIGIN, logKey, "sha256"));
                    log(start, "%,d envelopes (%,d readings, %,d events) stored, log size %,d; workers' time: "
                            + "signing and verifying %.0f s, writing %.0f s", envelopes.get(), readings.get(), events.get(),
                            treeSize.get(), signNanos.get() / 1e9, writeNanos.get() / 1e9);
                } catch (SQLException e) {
                    System.out.println("anchoring step failed (retried): " + e.getMessage());
                }
            }, 5, 10, TimeUnit.SECONDS);
            List<Future<?>> tasks = new ArrayList<>();
            for (Map.Entry<String, List<BenchPopulation.PlannedEvent>> g : eventsByGateway().entrySet()) {
                SigningDevice d = signers.get(g.getKey());
                tasks.add(pool.submit(() -> {
                    signEvents(d, g.getValue());
                    return null;
                }));
            }
            for (String sensor : plan.reporting.keySet()) {
                SigningDevice d = signers.get(sensor);
                tasks.add(pool.submit(() -> {
                    signReadings(d, plan.devices.get(sensor));
                    return null;
                }));
            }
            for (Future<?> t : tasks) {
                t.get();
            }
        } finally {
            pool.shutdown();
            ticker.shutdown();
            ticker.awaitTermination(2, TimeUnit.MINUTES);
        }
        long size;
        while ((size = AnchorStep.once(db, LOG_ORIGIN, logKey, "sha256")) != treeSize.get()) {
            treeSize.set(size); // one step takes a bounded number of chunks: repeat until none is pending
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log(start, "seeded: %,d envelopes, %,d readings, %,d events, every chunk in a checkpoint of size %,d",
                envelopes.get(), readings.get(), events.get(), treeSize.get());
        return new Seeded(envelopes.get(), readings.get(), events.get(), treeSize.get(), seconds);
    }

    /** Organisations, products, lots, items and devices with their keys; items are added in parallel. */
    private Map<String, SigningDevice> registry(ExecutorService pool) throws Exception {
        Organisations orgs = new Organisations(db);
        for (BenchPopulation.Org o : plan.orgs) {
            orgs.create(o.id(), o.name(), o.gln());
        }
        Products products = new Products(db);
        for (BenchPopulation.ProductPlan p : plan.products) {
            products.ensure(new NewProduct(p.gtin(), p.org(), p.name(), p.category(), p.minC(), p.maxC(), p.maxSingle(),
                    p.maxTotal(), null));
        }
        // the makers hire the carrier: its reefers' readings count on their goods (the write rule, docs/custody.md)
        WriteGrants grants = new WriteGrants(db);
        for (String maker : plan.products.stream().map(BenchPopulation.ProductPlan::org).distinct().toList()) {
            grants.grant(maker, BenchPopulation.CARRIER, null, null);
        }
        Lots lots = new Lots(db);
        Items items = new Items(db);
        List<Future<?>> adds = new ArrayList<>();
        for (BenchPopulation.LotPlan l : plan.lots) {
            Product product = new Product(l.product().gtin(), l.product().org(), null);
            Lot lot = lots.create(product, l.lot(), l.producedAt(),
                    LocalDate.ofInstant(l.producedAt(), ZoneOffset.UTC).plusYears(l.product().produce() ? 0 : 2)
                            .plusDays(l.product().produce() ? 10 : 0));
            Gtin gtin = new Gtin(l.product().gtin());
            List<NewItem> issued = l.serials().stream()
                    .map(s -> new NewItem(s, new DigitalLink(gtin, l.lot(), s).uri(BenchPopulation.RESOLVER_BASE), null)).toList();
            adds.add(pool.submit(() -> {
                items.add(lot, issued);
                return null;
            }));
        }
        for (Future<?> f : adds) {
            f.get();
        }
        DeviceRegistry registry = new DeviceRegistry(db);
        Map<String, SigningDevice> signers = new LinkedHashMap<>();
        for (BenchPopulation.Device d : plan.devices.values()) {
            SigningDevice s = new SigningDevice(d.org(), d.id(), 1);
            registry.registerDevice(d.org(), d.id(), d.kind(), d.description(), d.location());
            registry.addKey(d.id(), s.kid(), "EdDSA", s.publicKeyPem());
            signers.put(d.id(), s);
        }
        return signers;
    }

    private Map<String, List<BenchPopulation.PlannedEvent>> eventsByGateway() {
        Map<String, List<BenchPopulation.PlannedEvent>> by = new LinkedHashMap<>();
        for (BenchPopulation.LotPlan l : plan.lots) {
            for (BenchPopulation.PlannedEvent e : l.events()) {
                by.computeIfAbsent(e.gateway(), g -> new ArrayList<>()).add(e);
            }
        }
        by.values().forEach(list -> list.sort(Comparator.comparing(BenchPopulation.PlannedEvent::time)));
        return by;
    }

    private void signEvents(SigningDevice d, List<BenchPopulation.PlannedEvent> planned) throws SQLException {
        List<AcceptedEnvelope> batch = new ArrayList<>(BATCH);
        for (BenchPopulation.PlannedEvent e : planned) {
            long t0 = System.nanoTime();
            batch.add(d.overMqtt(d.event(e.time(), e.json())));
            signNanos.addAndGet(System.nanoTime() - t0);
            if (batch.size() == BATCH) {
                write(batch);
            }
        }
        write(batch);
    }

    private void signReadings(SigningDevice d, BenchPopulation.Device sensor) throws SQLException {
        List<AcceptedEnvelope> batch = new ArrayList<>(BATCH);
        for (Instant t : plan.envelopeTimes(sensor.id())) {
            long t0 = System.nanoTime();
            ObjectNode payload = JSON.createObjectNode().put("dev", d.id()).put("seq", d.nextSeq()).put("ts", t.toString());
            ArrayNode list = payload.putArray("readings");
            for (int k = 0; k < BenchPopulation.READINGS_PER_ENVELOPE; k++) {
                Instant at = t.plus(BenchPopulation.READING_EVERY.multipliedBy(k));
                list.addObject().put("t", at.toString()).put("temp", plan.temperature(sensor, at)).put("hum", 55.0);
            }
            batch.add(d.overMqtt(d.sign(payload)));
            signNanos.addAndGet(System.nanoTime() - t0);
            if (batch.size() == BATCH) {
                write(batch);
            }
        }
        write(batch);
    }

    private void write(List<AcceptedEnvelope> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        BatchOutcome out = writer.write(batch);
        writeNanos.addAndGet(System.nanoTime() - t0);
        if (out.stored() != batch.size()) {
            throw new IllegalStateException("the writer stored " + out.stored() + " of " + batch.size() + " envelopes: "
                    + out.refused());
        }
        envelopes.addAndGet(out.stored());
        readings.addAndGet(out.readings());
        events.addAndGet(out.events());
        batch.clear();
    }

    private static void log(long start, String format, Object... args) {
        System.out.printf("[seed %6.1f s] %s%n", (System.nanoTime() - start) / 1e9, String.format(format, args));
    }
}
