package org.prooftrail.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "sim", mixinStandardHelpOptions = true, description = "Simulate devices publishing signed readings and events over MQTT.")
final class SimCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("prooftrail sim: not yet available in this version (issue #7)");
        return ExitCodes.NOT_YET;
    }
}
