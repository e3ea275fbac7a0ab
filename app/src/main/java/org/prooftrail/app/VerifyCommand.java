package org.prooftrail.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check a proof bundle offline.")
final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("prooftrail verify: not yet available in this version (issue #4)");
        return ExitCodes.NOT_YET;
    }
}
