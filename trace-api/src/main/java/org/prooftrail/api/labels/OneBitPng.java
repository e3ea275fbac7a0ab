package org.prooftrail.api.labels;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A black-and-white PNG (1-bit greyscale, PNG specification section 11) of a QR matrix, written
 * directly: ImageIO's general writer spent most of the time of a 10,000-label ZIP on per-image
 * setup. Each module becomes a square of {@code scale} pixels.
 */
final class OneBitPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private OneBitPng() {
    }

    static byte[] of(BitMatrix m, int scale) {
        int width = m.getWidth() * scale;
        int height = m.getHeight() * scale;
        int stride = (width + 7) / 8;
        // filter byte 0 (None) then the packed row; a set bit is white in greyscale
        byte[] raw = new byte[height * (stride + 1)];
        byte[] row = new byte[stride];
        for (int y = 0; y < m.getHeight(); y++) {
            java.util.Arrays.fill(row, (byte) 0xff);
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    for (int px = x * scale; px < (x + 1) * scale; px++) {
                        row[px >>> 3] &= (byte) ~(0x80 >>> (px & 7));
                    }
                }
            }
            for (int k = 0; k < scale; k++) {
                int at = (y * scale + k) * (stride + 1);
                System.arraycopy(row, 0, raw, at + 1, stride);
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream(raw.length / 4 + 64);
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            idat.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();

        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 64);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // greyscale
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
