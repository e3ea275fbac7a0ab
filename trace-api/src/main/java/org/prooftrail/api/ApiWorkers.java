package org.prooftrail.api;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Named worker pools, one per kind of API work. On Vert.x's one unnamed pool a burst of 16 MiB EPCIS
 * captures or full audits held every worker thread and consumer lookups queued behind them; here
 * each kind waits only for its own kind. The API's database pool is sized to the sum, so a kind
 * that has a thread also gets a connection.
 */
public final class ApiWorkers implements AutoCloseable {
    private final WorkerExecutor lookups;
    private final WorkerExecutor queries;
    private final WorkerExecutor bulk;
    private final WorkerExecutor labels;

    private ApiWorkers(Vertx vertx, int lookups, int queries, int bulk, int labels) {
        this.lookups = vertx.createSharedWorkerExecutor("pt-api-lookups", lookups, 60, TimeUnit.SECONDS);
        this.queries = vertx.createSharedWorkerExecutor("pt-api-queries", queries, 5, TimeUnit.MINUTES);
        // captures of large documents and full audits run for minutes by design: no blocked-thread warnings
        this.bulk = vertx.createSharedWorkerExecutor("pt-api-bulk", bulk, 60, TimeUnit.MINUTES);
        this.labels = vertx.createSharedWorkerExecutor("pt-api-labels", labels, 30, TimeUnit.MINUTES);
    }

    public static ApiWorkers create(Vertx vertx, ApiSettings s) {
        return new ApiWorkers(vertx, s.lookupThreads(), s.queryThreads(), s.bulkThreads(), s.labelThreads());
    }

    /** Public consumer lookups: resolver pages, proofs, the page's proof check. */
    public WorkerExecutor lookups() {
        return lookups;
    }

    /** Company and regulator reads and registry writes: EPCIS query, trace, excursions, registry. */
    public WorkerExecutor queries() {
        return queries;
    }

    /** Long work: EPCIS captures and audits. */
    public WorkerExecutor bulk() {
        return bulk;
    }

    /** Label sheets and ZIPs, streamed while they are drawn. */
    public WorkerExecutor labels() {
        return labels;
    }

    @Override
    public void close() {
        lookups.close();
        queries.close();
        bulk.close();
        labels.close();
    }
}
