package org.prooftrail.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One lookup at a time, of random items: the client's latency and the server's own time for the
 * lookup, as the resolver reports it in {@code server-timing: lookup;dur=<ms>}.
 */
final class SequentialLookups {
    private static final Pattern DUR = Pattern.compile("lookup;dur=([0-9.]+)");

    /** Milliseconds; {@code serverMedian} is NaN when no response carried the header. */
    record Result(int lookups, double serverMedian, double serverP99, double clientP50, double clientP99, int failures) {
    }

    private SequentialLookups() {
    }

    static Result run(String base, List<String> paths, String accept, int warmup, int count, long seed)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(seed);
        for (int i = 0; i < warmup; i++) {
            get(http, base, paths.get(random.nextInt(paths.size())), accept);
        }
        double[] server = new double[count];
        double[] client = new double[count];
        int timed = 0;
        int failures = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = get(http, base, paths.get(random.nextInt(paths.size())), accept);
            client[i] = (System.nanoTime() - start) / 1e6;
            failures += r.statusCode() == 200 ? 0 : 1;
            Matcher m = DUR.matcher(r.headers().firstValue("server-timing").orElse(""));
            if (m.find()) {
                server[timed++] = Double.parseDouble(m.group(1));
            }
        }
        double[] s = Arrays.copyOf(server, timed);
        Arrays.sort(s);
        Arrays.sort(client);
        return new Result(count, percentile(s, 50), percentile(s, 99), percentile(client, 50), percentile(client, 99), failures);
    }

    /** Each path once, in order: e.g. one pack of each lot, whose lookups assemble and keep the lot. */
    static Result each(String base, List<String> paths, String accept) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        double[] server = new double[paths.size()];
        double[] client = new double[paths.size()];
        int timed = 0;
        int failures = 0;
        for (int i = 0; i < paths.size(); i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = get(http, base, paths.get(i), accept);
            client[i] = (System.nanoTime() - start) / 1e6;
            failures += r.statusCode() == 200 ? 0 : 1;
            Matcher m = DUR.matcher(r.headers().firstValue("server-timing").orElse(""));
            if (m.find()) {
                server[timed++] = Double.parseDouble(m.group(1));
            }
        }
        double[] s = Arrays.copyOf(server, timed);
        Arrays.sort(s);
        Arrays.sort(client);
        return new Result(paths.size(), percentile(s, 50), percentile(s, 99), percentile(client, 50), percentile(client, 99),
                failures);
    }

    private static HttpResponse<byte[]> get(HttpClient http, String base, String path, String accept)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
