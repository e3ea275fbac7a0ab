package org.prooftrail.api.labels;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;

/** Wraps raw CCITT G4 (T.6) data in a one-strip TIFF so that the JDK's TIFF reader decodes it. */
final class Tiff {
    private Tiff() {
    }

    static BufferedImage g4(int width, int height, boolean blackIs1, byte[] data) throws Exception {
        short[][] tags = {
            {256, 3, (short) width}, {257, 3, (short) height}, {258, 3, 1}, {259, 3, 4},
            // PhotometricInterpretation: 0 WhiteIsZero (1 bits black), 1 BlackIsZero
            {262, 3, (short) (blackIs1 ? 0 : 1)},
            {273, 4, 0}, {277, 3, 1}, {278, 3, (short) height}, {279, 4, (short) data.length}, {293, 4, 0},
        };
        int ifdSize = 2 + tags.length * 12 + 4;
        int dataAt = 8 + ifdSize;
        ByteBuffer b = ByteBuffer.allocate(dataAt + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) tags.length);
        for (short[] t : tags) {
            b.putShort(t[0]).putShort(t[1]).putInt(1);
            int value = t[0] == 273 ? dataAt : t[0] == 279 ? data.length : t[2] & 0xffff;
            if (t[1] == 3) {
                b.putShort((short) value).putShort((short) 0);
            } else {
                b.putInt(value);
            }
        }
        b.putInt(0).put(data);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(b.array()));
        if (img == null) {
            throw new IllegalStateException("the JDK's TIFF reader did not accept the wrapped G4 data");
        }
        return img;
    }
}
