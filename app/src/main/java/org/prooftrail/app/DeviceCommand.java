package org.prooftrail.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.store.envelopes.StreamReset;
import org.prooftrail.store.envelopes.StreamResets;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.RegistryConflict;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Operator access to the device registry (organisations, devices, keys, revocation) against the
 * database named by PT_DB_URL. Ingest replicas pick up revocations within seconds.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Register organisations, devices and device keys; revoke keys or devices; reset a device's "
                + "seq stream (uses PT_DB_URL).",
        subcommands = {DeviceCommand.AddOrg.class, DeviceCommand.Add.class, DeviceCommand.Revoke.class,
                DeviceCommand.ResetStream.class})
final class DeviceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static <T> T withRegistry(RegistryWork<T> work) throws Exception {
        try (Database db = Database.open(DatabaseSettings.from(Settings.fromEnvironment()))) {
            db.migrate();
            return work.run(new DeviceRegistry(db.dataSource()));
        }
    }

    interface RegistryWork<T> {
        T run(DeviceRegistry registry) throws Exception;
    }

    @Command(name = "add-org", mixinStandardHelpOptions = true,
            description = "Register an organisation (again with the same name: nothing changes).")
    static final class AddOrg implements Callable<Integer> {
        @Option(names = "--id", required = true, description = "organisation id, e.g. acme-pharma")
        String id;

        @Option(names = "--name", required = true, description = "display name")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(DatabaseSettings.from(Settings.fromEnvironment()))) {
                db.migrate();
                // an id that is registered under another name is refused, never renamed: see Organisations
                boolean created = new Organisations(db.dataSource()).ensure(id, name);
                System.out.println("organisation " + id + (created ? " registered" : " was registered already"));
                return ExitCodes.OK;
            } catch (RegistryConflict e) {
                System.err.println("device add-org: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a device of an organisation with a public key (PEM or JWK file).")
    static final class Add implements Callable<Integer> {
        @Option(names = "--org", required = true)
        String org;

        @Option(names = "--id", required = true, description = "device id; also its MQTT topic segment")
        String id;

        @Option(names = "--kid", description = "key id the device puts in its JWS header (default: ID-k1)")
        String kid;

        @Option(names = "--key", required = true, description = "public key file: PEM or JWK")
        Path key;

        @Option(names = "--kind", defaultValue = "sensor", description = "sensor, gateway, ... (default: ${DEFAULT-VALUE})")
        String kind;

        @Override
        public Integer call() throws Exception {
            VerifyingKey parsed;
            try {
                parsed = PublicKeys.parse(Files.readString(key));
            } catch (KeyFormatException e) {
                System.err.println("device add: " + key + " is not a usable public key: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            String keyId = kid != null ? kid : id + "-k1";
            return withRegistry(r -> {
                try {
                    r.registerDevice(org, id, kind);
                    r.addKey(id, keyId, parsed.algorithm().jwsName(), PublicKeys.toPem(parsed));
                } catch (RegistryConflict e) {
                    System.err.println("device add: " + e.getMessage());
                    return ExitCodes.FAILURE;
                }
                System.out.println("device " + id + " of " + org + " registered with key " + keyId + " ("
                        + parsed.algorithm().jwsName() + "); it publishes to pt/v1/" + org + "/" + id + "/readings|events");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one key, or a whole device.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--kid", description = "the key to revoke")
        String kid;

        @Option(names = "--device", description = "the device to revoke (all its keys)")
        String device;

        @Override
        public Integer call() throws Exception {
            if ((kid == null) == (device == null)) {
                System.err.println("device revoke: give exactly one of --kid or --device");
                return ExitCodes.CONFIG;
            }
            return withRegistry(r -> {
                boolean changed = kid != null ? r.revokeKey(kid) : r.revokeDevice(device);
                System.out.println(changed ? "revoked" : "nothing to revoke (unknown or already revoked)");
                return changed ? ExitCodes.OK : ExitCodes.FAILURE;
            });
        }
    }

    @Command(name = "reset-stream", mixinStandardHelpOptions = true,
            description = "Restart a device's seq stream (its counter jumped beyond the window or restarted); audited "
                    + "with the operator and the reason. Stored envelopes stay as they are.")
    static final class ResetStream implements Callable<Integer> {
        @Option(names = "--device", required = true)
        String device;

        @Option(names = "--reason", required = true, description = "why, kept in the audit (1 to 500 characters)")
        String reason;

        @Override
        public Integer call() throws Exception {
            String why = reason.strip();
            if (why.isEmpty() || why.length() > 500) {
                System.err.println("device reset-stream: --reason must be 1 to 500 characters");
                return ExitCodes.CONFIG;
            }
            try (Database db = Database.open(DatabaseSettings.from(Settings.fromEnvironment()))) {
                db.migrate();
                if (new DeviceRegistry(db.dataSource()).deviceOwner(device).isEmpty()) {
                    System.err.println("device reset-stream: no device '" + device + "'");
                    return ExitCodes.FAILURE;
                }
                StreamReset r = new StreamResets(db.dataSource()).reset(device, "cli:" + System.getProperty("user.name"), why);
                System.out.println("stream of device " + device + " reset (audit id " + r.id() + "); previous stream: "
                        + (r.previousMaxSeq() == null ? "nothing stored"
                        : "seq " + r.previousFirstSeq() + ".." + r.previousMaxSeq() + ", " + r.previousStored() + " stored")
                        + "; its next envelope starts a new stream"
                        + (r.previousMaxSeq() == null ? "" : " (seqs above " + r.previousMaxSeq() + " are free; lower ones stay taken)"));
                return ExitCodes.OK;
            }
        }
    }
}
