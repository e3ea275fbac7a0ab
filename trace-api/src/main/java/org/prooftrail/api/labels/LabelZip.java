package org.prooftrail.api.labels;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;

/**
 * A ZIP with one QR image per item, named by serial ({@code 4X9F....png}). PNGs are already
 * compressed, so they are stored as they are; SVGs are deflated. Written entry by entry as items
 * come from the database: memory stays flat however large the lot.
 */
final class LabelZip {
    private LabelZip() {
    }

    /** Writes the archive and finishes it; the caller closes {@code out}. */
    static void write(Items items, Lot lot, LabelImage image, OutputStream out) throws Exception {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(Deflater.BEST_SPEED);
        LabelRenderer<byte[]> renderer = new LabelRenderer<>(item -> image == LabelImage.PNG
                ? QrCodes.png(QrCodes.matrix(item.digitalLink()))
                : QrCodes.svg(QrCodes.matrix(item.digitalLink())).getBytes(StandardCharsets.UTF_8));
        renderer.run(items, lot, (item, bytes) -> {
            ZipEntry e = new ZipEntry(item.serial() + "." + image.extension());
            if (image == LabelImage.PNG) {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        });
        zip.finish();
    }
}
