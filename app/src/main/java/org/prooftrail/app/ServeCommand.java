package org.prooftrail.app;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prooftrail.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs roles against external services named by environment variables; how Kubernetes runs it. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
                "Run one or more roles against external PostgreSQL and MQTT.",
                "",
                "Configuration (environment variables, or a properties file named by PT_CONFIG_FILE):",
                "  PT_DB_URL        jdbc:postgresql://host:5432/db (required)",
                "  PT_DB_USER       default postgres",
                "  PT_DB_PASSWORD   default empty",
                "  PT_DB_POOL_SIZE  default 8",
                "  PT_DB_READ_URL   streaming replicas for the API's reads (optional; PT_DB_READ_USER, _PASSWORD, _WAIT)",
                "  PT_MQTT_URL      tcp://host:1883 (required)",
                "  PT_MQTT_USERNAME, PT_MQTT_PASSWORD, PT_MQTT_CLIENT_ID, PT_MQTT_SHARED_GROUP",
                "  PT_HTTP_HOST     default 0.0.0.0",
                "  PT_HTTP_PORT     default 8080 (health, metrics and the API)",
                "",
                "--role witness runs alone and needs no database or broker:",
                "  PT_WITNESS_NAME, PT_WITNESS_KEY_FILE, PT_WITNESS_LOGS, PT_WITNESS_STATE_FILE"
        })
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--role", split = ",", defaultValue = "all",
            description = "ingest, anchor, api, all, or witness (alone); repeat or separate with commas (default: ${DEFAULT-VALUE})")
    List<Role> roles;

    @Override
    public Integer call() throws Exception {
        if (roles.contains(Role.WITNESS)) {
            return witness();
        }
        Node node = Node.start(Settings.fromEnvironment(), EnumSet.copyOf(roles));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("prooftrail stopping: draining, committing and acknowledging what is in flight");
            node.close();
            System.out.println("prooftrail stopped");
            stopped.countDown();
        }, "pt-shutdown"));
        System.out.println("prooftrail serving " + roles + "; health at http://127.0.0.1:" + node.httpPort() + "/health/ready");
        stopped.await();
        return ExitCodes.OK;
    }

    private Integer witness() throws InterruptedException {
        if (roles.size() > 1) {
            System.err.println("--role witness runs alone: a witness belongs to another party than the log it checks");
            return ExitCodes.CONFIG;
        }
        WitnessNode node = WitnessNode.start(Settings.fromEnvironment());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "pt-shutdown"));
        System.out.println("prooftrail witness " + node.witness().id().name() + " on port " + node.httpPort()
                + "; give the logs it witnesses this verifier key: " + node.witness().id().vkey().encode());
        stopped.await();
        return ExitCodes.OK;
    }
}
