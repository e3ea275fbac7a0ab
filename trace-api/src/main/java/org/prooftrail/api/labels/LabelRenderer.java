package org.prooftrail.api.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;
import org.prooftrail.store.registry.Item;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;

/**
 * Renders a lot's labels in batches on all cores and hands them to a sink in serial order. QR
 * encoding is the costly step (a few milliseconds per code); writing the ZIP or PDF stays on the
 * one thread that owns the output stream.
 *
 * @param <T> what one item renders to (PNG bytes, a QR matrix)
 */
final class LabelRenderer<T> {
    private static final int BATCH = 256;
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("pt-labels-" + t.getPoolIndex());
                return t;
            }, null, false);

    interface Sink<T> {
        void accept(Item item, T rendered) throws Exception;
    }

    private final Function<Item, T> render;

    LabelRenderer(Function<Item, T> render) {
        this.render = render;
    }

    void run(Items items, Lot lot, Sink<T> sink) throws Exception {
        List<Item> batch = new ArrayList<>(BATCH);
        items.forEach(lot, item -> {
            batch.add(item);
            if (batch.size() == BATCH) {
                drain(batch, sink);
            }
        });
        drain(batch, sink);
    }

    private void drain(List<Item> batch, Sink<T> sink) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        List<T> rendered;
        try {
            rendered = POOL.submit(() -> batch.parallelStream().map(render).toList()).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        for (int i = 0; i < batch.size(); i++) {
            sink.accept(batch.get(i), rendered.get(i));
        }
        batch.clear();
    }
}
