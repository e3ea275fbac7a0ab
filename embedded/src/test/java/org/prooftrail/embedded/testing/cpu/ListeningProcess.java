package org.prooftrail.embedded.testing.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The process that listens on a TCP port of this machine (an external broker), found the way
 * {@code ss -ltnp} finds it: the listening socket's inode in /proc/net/tcp, then the process holding a
 * descriptor to it. Reading other users' descriptors needs root or the same user.
 */
public final class ListeningProcess {
    private ListeningProcess() {
    }

    public static OptionalLong on(int port) {
        Set<String> sockets = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (10th); state 0A is LISTEN
                    if (f.length > 9 && f[1].endsWith(":" + String.format("%04X", port)) && f[3].equals("0A")) {
                        sockets.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException noTable) {
                // no IPv6 here
            }
        }
        if (sockets.isEmpty()) {
            return OptionalLong.empty();
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && holdsAny(proc.resolve("fd"), sockets)) {
                    return OptionalLong.of(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static boolean holdsAny(Path fds, Set<String> sockets) {
        try (var list = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException closed) {
                    // closed meanwhile
                }
            }
        } catch (IOException notOurs) {
            // a process we may not look into, or one that ended
        }
        return false;
    }
}
