package org.prooftrail.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Generate a device or log key pair.")
final class KeygenCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("prooftrail keygen: not yet available in this version (issue #3)");
        return ExitCodes.NOT_YET;
    }
}
