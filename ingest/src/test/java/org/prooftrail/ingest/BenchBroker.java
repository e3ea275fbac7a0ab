package org.prooftrail.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.prooftrail.embedded.testing.MosquittoProcess;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.embedded.testing.cpu.CpuSampler;
import org.prooftrail.embedded.testing.cpu.CpuSources;
import org.prooftrail.embedded.testing.cpu.ListeningProcess;
import org.prooftrail.embedded.testing.cpu.ProcStat;

/**
 * The broker a benchmark runs against, and where its CPU is read: a process of this machine (found by
 * its listening port, or started here), or threads of this JVM (the embedded HiveMQ CE).
 */
final class BenchBroker implements AutoCloseable {
    /** The dev overlay's broker configuration, whose queue settings {@link #ownMosquitto} takes. */
    static final Path SHIPPED_MOSQUITTO = Path.of("k8s/overlays/dev/mosquitto.conf");

    private final String url;
    private final String name;
    private final String details;
    private final OptionalLong pid;
    private final MosquittoProcess own;

    private BenchBroker(String url, String name, String details, OptionalLong pid, MosquittoProcess own) {
        this.url = url;
        this.name = name;
        this.details = details;
        this.pid = pid;
        this.own = own;
    }

    /** The tests' broker: PT_TEST_MQTT_URL's (its process found by port when it runs here), or the embedded one. */
    static BenchBroker ofTests() {
        String url = TestServices.mqttUrl();
        if (!TestServices.externalBroker()) {
            return new BenchBroker(url, "embedded HiveMQ CE", url, OptionalLong.empty(), null);
        }
        OptionalLong pid = ListeningProcess.on(URI.create(url).getPort());
        String name = pid.isPresent() ? ProcStat.ofProcess(pid.getAsLong()).map(ProcStat::comm).orElse("?") + " (pid "
                + pid.getAsLong() + ")" : url;
        return new BenchBroker(url, name, pid.isPresent() ? url : url + ": no process of this machine listens there, its CPU is not read",
                pid, null);
    }

    /**
     * A Mosquitto of the benchmark's own with the queue and in-flight limits the project ships
     * (max_queued_messages 1,000,000: Mosquitto's default of 1,000 drops a backlog), anonymous and
     * without persistence.
     */
    static BenchBroker ownMosquitto() throws IOException, InterruptedException {
        List<String> settings = new ArrayList<>(List.of("allow_anonymous true", "persistence false"));
        settings.addAll(shippedLimits());
        MosquittoProcess broker = MosquittoProcess.start(settings);
        return new BenchBroker(broker.url(), "mosquitto, the benchmark's own (pid " + broker.pid() + ")", broker.url()
                + " with " + String.join(", ", shippedLimits()) + " from " + SHIPPED_MOSQUITTO, OptionalLong.of(broker.pid()), broker);
    }

    /** The limits of {@link #SHIPPED_MOSQUITTO} (lines max_*), read from the repository. */
    private static List<String> shippedLimits() throws IOException {
        Path conf = Files.exists(SHIPPED_MOSQUITTO) ? SHIPPED_MOSQUITTO : Path.of("..").resolve(SHIPPED_MOSQUITTO);
        return Files.readAllLines(conf).stream().map(String::trim).filter(l -> l.startsWith("max_")).toList();
    }

    String url() {
        return url;
    }

    /** A short name, for the budget's table. */
    String name() {
        return name;
    }

    /** Where it listens and how it is configured. */
    String details() {
        return details;
    }

    /** Its process's CPU, empty when it runs in this JVM or elsewhere. */
    Optional<CpuSampler.Source> process() {
        return pid.isPresent() ? Optional.of(CpuSources.process(pid.getAsLong(), CpuBudget.BROKER_PROCESS)) : Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        if (own != null) {
            own.close();
        }
    }
}
