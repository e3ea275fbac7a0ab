package org.prooftrail.anchor.ledger.evm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Ends a process together with everything it started. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * npx runs Hardhat as a grandchild (npm exec, then sh, then node): killing npx alone would leave
     * the node serving. The descendants are listed before anything dies, since an orphan is
     * re-parented and no longer shows up as a descendant.
     */
    static void kill(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        CompletableFuture<?>[] exits = all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("processes " + all.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList()
                    + " are still alive 10 s after SIGKILL", e);
        }
    }
}
