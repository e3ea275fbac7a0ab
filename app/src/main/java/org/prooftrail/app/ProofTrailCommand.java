package org.prooftrail.app;

import org.prooftrail.core.config.ConfigException;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code prooftrail} command: one jar, every role, plus the tools around them. */
@Command(name = "prooftrail",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Verifiable traceability for drugs and farm produce.",
        subcommands = {
                DemoCommand.class,
                ServeCommand.class,
                SimCommand.class,
                VerifyCommand.class,
                KeygenCommand.class,
                TokenCommand.class,
                DeviceCommand.class,
                AccountCommand.class,
                AuditCommand.class,
                CommandLine.HelpCommand.class
        })
public final class ProofTrailCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // Paho and some libraries log through java.util.logging; send it to the same place.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ProofTrailCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    Throwable cause = e;
                    while (cause != null && !(cause instanceof ConfigException)) {
                        cause = cause.getCause();
                    }
                    if (cause != null) {
                        cmd.getErr().println("configuration error: " + cause.getMessage());
                        return ExitCodes.CONFIG;
                    }
                    cmd.getErr().println("error: " + e.getMessage());
                    e.printStackTrace(cmd.getErr());
                    return ExitCodes.FAILURE;
                });
    }
}
