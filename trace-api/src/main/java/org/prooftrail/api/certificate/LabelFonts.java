package org.prooftrail.api.certificate;

import com.lowagie.text.pdf.BaseFont;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.prooftrail.core.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts of certificate labels, loaded once: the configured CJK font (a .ttf, .otf or the first
 * face of a .ttc) for both PNG and PDF. Without one, PNGs use the JVM's logical sans-serif font and
 * PDFs Helvetica, which print no Chinese: the start-up warning says so.
 */
final class LabelFonts {
    private static final Logger LOG = LoggerFactory.getLogger(LabelFonts.class);

    private final Font awt;
    private final Optional<Path> file;

    private LabelFonts(Font awt, Optional<Path> file) {
        this.awt = awt;
        this.file = file;
    }

    static LabelFonts load(Optional<Path> file) {
        if (file.isEmpty()) {
            LOG.warn("no font with Chinese glyphs found (set {}): certificate labels will miss their Chinese text",
                    CertificateSettings.FONT);
            return new LabelFonts(new Font(Font.SANS_SERIF, Font.PLAIN, 12), file);
        }
        try {
            Font[] faces = Font.createFonts(file.get().toFile());
            LOG.info("certificate labels use font {} ({})", faces[0].getFontName(), file.get());
            return new LabelFonts(faces[0], file);
        } catch (java.awt.FontFormatException | IOException e) {
            throw new ConfigException(CertificateSettings.FONT, "'" + file.get() + "' is not a TrueType/OpenType font: "
                    + e.getMessage());
        }
    }

    Font awt() {
        return awt;
    }

    /** A new PDF font (OpenPDF's fonts keep per-document subset state, so one per document). */
    BaseFont pdf() throws IOException {
        if (file.isEmpty()) {
            return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        }
        String path = file.get().toString();
        return BaseFont.createFont(path.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") ? path + ",0" : path,
                BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
    }
}
