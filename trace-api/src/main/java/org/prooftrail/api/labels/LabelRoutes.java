package org.prooftrail.api.labels;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.registry.BlockingReplies;
import org.prooftrail.api.registry.ProductAccess;
import org.prooftrail.api.registry.Refusal;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Print-ready labels of a lot: a ZIP of QR images or an A4 PDF sheet, generated on the
 * {@code pt-labels} workers and streamed as it is made. A failure after the first bytes cannot
 * become a problem body any more, so the connection is reset: a truncated file must not look whole.
 */
public final class LabelRoutes implements ApiFeature {
    private static final Logger LOG = LoggerFactory.getLogger(LabelRoutes.class);

    private final ProductAccess access;
    private final Items items;

    public LabelRoutes(ProductAccess access, Items items) {
        this.access = access;
        this.items = items;
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().labels();
        m.operation("getLabels").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> access.lot(ctx, false, lot -> BlockingReplies.blocking(m.workers().queries(), () -> items.count(lot))
                        .onSuccess(count -> {
                            if (count == 0) {
                                BlockingReplies.fail(ctx, Refusal.notFound("lot '" + lot.lot() + "' has no items yet; "
                                        + "issue them with POST .../items first"));
                            } else {
                                stream(workers, ctx, lot, count);
                            }
                        }).onFailure(e -> BlockingReplies.fail(ctx, e))));
    }

    private void stream(WorkerExecutor workers, RoutingContext ctx, Lot lot, long count) {
        boolean pdf = "pdf".equals(ctx.queryParams().get("format"));
        LabelImage image = "svg".equals(ctx.queryParams().get("image")) ? LabelImage.SVG : LabelImage.PNG;
        String name = "labels-" + lot.gtin() + "-" + lot.lot().replaceAll("[^A-Za-z0-9._-]", "_")
                + (pdf ? ".pdf" : "-" + image.extension() + ".zip");
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("content-type", pdf ? "application/pdf" : "application/zip")
                .putHeader("content-disposition", "attachment; filename=\"" + name + "\"")
                .putHeader("x-label-count", Long.toString(count));
        long started = System.nanoTime();
        workers.executeBlocking(() -> {
            ResponseOutputStream out = new ResponseOutputStream(response);
            if (pdf) {
                LabelSheet.write(items, lot, out);
            } else {
                LabelZip.write(items, lot, image, out);
                out.close();
            }
            return null;
        }, false).onSuccess(v -> LOG.info("{} labels of {}/{} as {} in {} ms", count, lot.gtin(), lot.lot(),
                pdf ? "pdf" : image.extension(), (System.nanoTime() - started) / 1_000_000)).onFailure(e -> {
                    if (response.headWritten()) {
                        // too late for a problem body: the client sees the download cut off
                        LOG.warn("labels of {}/{} failed after {} ms: {}", lot.gtin(), lot.lot(),
                                (System.nanoTime() - started) / 1_000_000, e.toString());
                        response.reset();
                    } else {
                        BlockingReplies.fail(ctx, e);
                    }
                });
    }
}
