package org.prooftrail.core.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM armour (RFC 7468): a label and base64 DER between BEGIN and END lines. */
final class Pem {
    private Pem() {
    }

    /** The first PEM object in {@code text}, which must carry one of the {@code expected} labels. */
    static PemObject read(String text, String... expected) throws KeyFormatException {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("unreadable PEM: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new KeyFormatException("no PEM block found (expected -----BEGIN " + expected[0] + "-----)");
        }
        for (String label : expected) {
            if (label.equals(object.getType())) {
                return object;
            }
        }
        throw new KeyFormatException("PEM block is " + object.getType() + "; expected " + String.join(" or ", expected));
    }

    static String write(String label, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }
}
