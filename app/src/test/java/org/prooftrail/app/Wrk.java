package org.prooftrail.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian's package, installed when missing) against a list of paths, cycling through them
 * or ({@link #runRandom}) picking one at random for every request, and reads requests/s and the
 * latency percentiles from its report.
 */
final class Wrk {
    /** @param timeouts requests without an answer within {@link #TIMEOUT_SECONDS}: not in the percentiles */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx, long timeouts, String raw) {
        String row() {
            return String.format("%.0f req/s, p50 %.2f ms, p99 %.2f ms%s", requestsPerSecond, p50Millis, p99Millis,
                    non2xx > 0 ? ", " + non2xx + " non-2xx" : "") + (timeouts > 0 ? ", " + timeouts + " timed out" : "");
        }
    }

    private static final String SCRIPT = """
            local paths = {}
            local accept = "application/json"
            init = function(args)
              for line in io.lines(args[1]) do paths[#paths + 1] = line end
              if args[2] then accept = args[2] end
              counter = math.random(#paths)
            end
            request = function()
              counter = counter % #paths + 1
              return wrk.format("GET", paths[counter], { ["Accept"] = accept })
            end
            """;

    /** Each thread seeds its own generator with its number, so threads do not repeat one another's picks. */
    private static final String RANDOM_SCRIPT = """
            local paths = {}
            local accept = "application/json"
            local threads = 0
            setup = function(thread)
              threads = threads + 1
              thread:set("number", threads)
            end
            init = function(args)
              for line in io.lines(args[1]) do paths[#paths + 1] = line end
              if args[2] then accept = args[2] end
              math.randomseed(os.time() * 1000 + number)
            end
            request = function()
              return wrk.format("GET", paths[math.random(#paths)], { ["Accept"] = accept })
            end
            """;

    /**
     * {@link #RANDOM_SCRIPT} at a fixed offered rate (the script's third argument, requests/s for all
     * threads; the fourth is the thread count): each thread sends its share on a schedule of its own,
     * read from the monotonic clock through LuaJIT's FFI (wrk has no clock of its own in Lua). A
     * connection due to send waits for its slot; one behind the schedule sends at once, so a stall is
     * followed by the requests it held up, as an open load would send them, as far as the connections
     * allow. wrk times each request from when it is sent, so a stall that holds every connection up is
     * in the latencies only through the requests that were waiting for an answer then.
     */
    private static final String PACED_SCRIPT = RANDOM_SCRIPT + """
            local ffi = require("ffi")
            ffi.cdef[[
              typedef struct { long tv_sec; long tv_nsec; } pt_timespec;
              int clock_gettime(int clock, pt_timespec *ts);
            ]]
            local ts = ffi.new("pt_timespec")
            local function now()
              ffi.C.clock_gettime(1, ts)
              return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1000000
            end
            local interval = nil
            local due = nil
            local randomInit = init
            init = function(args)
              randomInit(args)
              interval = tonumber(args[4]) * 1000 / tonumber(args[3])
            end
            delay = function()
              local t = now()
              if due == nil then due = t end
              local wait = due - t
              due = due + interval
              if wait < 0 then return 0 end
              return wait
            end
            """;

    /** wrk's own default is 2 s, and it leaves slower answers out of the latency figures. */
    static final int TIMEOUT_SECONDS = 30;

    private Wrk() {
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            return;
        }
        System.out.println("wrk is missing; installing Debian's package (apt-get install -y wrk)");
        Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "wrk").inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("could not install wrk; install it (apt-get install wrk) and run again");
        }
    }

    static Result run(String base, List<String> paths, String accept, int threads, int connections, int seconds, Path work)
            throws IOException, InterruptedException {
        return run(base, paths, accept, threads, connections, seconds, work, SCRIPT);
    }

    /** Every request to a path picked at random from {@code paths}. */
    static Result runRandom(String base, List<String> paths, String accept, int threads, int connections, int seconds,
                            Path work) throws IOException, InterruptedException {
        return run(base, paths, accept, threads, connections, seconds, work, RANDOM_SCRIPT);
    }

    /** As {@link #runRandom}, offering {@code rate} requests/s in all (see {@link #PACED_SCRIPT}). */
    static Result runPaced(String base, List<String> paths, String accept, int threads, int connections, int seconds,
                           Path work, double rate) throws IOException, InterruptedException {
        return run(base, paths, accept, threads, connections, seconds, work, PACED_SCRIPT,
                String.valueOf(rate), String.valueOf(threads));
    }

    private static Result run(String base, List<String> paths, String accept, int threads, int connections, int seconds,
                              Path work, String lua, String... moreArgs) throws IOException, InterruptedException {
        ensureInstalled();
        Files.createDirectories(work);
        Path script = work.resolve("paths.lua");
        Path list = work.resolve("paths.txt");
        Files.writeString(script, lua);
        Files.write(list, paths, StandardCharsets.UTF_8);
        List<String> command = new java.util.ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", TIMEOUT_SECONDS + "s", "-s", script.toString(), base, "--", list.toString(), accept));
        command.addAll(List.of(moreArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + TIMEOUT_SECONDS + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        return new Result(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)"), (long) number(out, "timeout ([0-9]+)"), out);
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
