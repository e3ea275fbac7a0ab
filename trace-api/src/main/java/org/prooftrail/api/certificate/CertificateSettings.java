package org.prooftrail.api.certificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/**
 * Settings of commitment-compliance certificates.
 *
 * @param retention how long certificates and their receipts are kept at least (PT_CERTIFICATE_RETENTION,
 *                  an ISO-8601 period, default and minimum P6M). Only the minimum is enforced: nothing
 *                  deletes them (their events are in the append-only log anyway)
 * @param fontFile  a TrueType/OpenType font with Chinese glyphs for labels (PT_LABEL_CJK_FONT), or the
 *                  first of the usual system locations that exists; empty: labels fall back to the JVM's
 *                  logical font, which may lack Chinese glyphs
 */
public record CertificateSettings(Period retention, Optional<Path> fontFile) {
    public static final String RETENTION = "PT_CERTIFICATE_RETENTION";
    public static final String FONT = "PT_LABEL_CJK_FONT";
    public static final Period MINIMUM_RETENTION = Period.ofMonths(6);
    /** Where Debian/Ubuntu/Alpine packages of Noto CJK and WenQuanYi put their fonts. */
    static final List<String> USUAL_FONTS = List.of(
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc");

    public static CertificateSettings from(Settings s) {
        Period retention = retention(s.optional(RETENTION).filter(v -> !v.isBlank()).orElse("P6M"));
        Optional<Path> font = s.optional(FONT).filter(v -> !v.isBlank()).map(Path::of);
        if (font.isPresent() && !Files.isReadable(font.get())) {
            throw new ConfigException(FONT, "'" + font.get() + "' is not a readable font file");
        }
        if (font.isEmpty()) {
            font = USUAL_FONTS.stream().map(Path::of).filter(Files::isReadable).findFirst();
        }
        return new CertificateSettings(retention, font);
    }

    static Period retention(String value) {
        Period p;
        try {
            p = Period.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(RETENTION, "'" + value + "' is not an ISO-8601 period such as P6M or P2Y");
        }
        // Compared in months; only whole 31-day months of the days count, so P180D is refused and P186D is not.
        long months = p.toTotalMonths() + p.getDays() / 31;
        if (p.isNegative() || months < MINIMUM_RETENTION.toTotalMonths()) {
            throw new ConfigException(RETENTION, "is " + value + "; certificate records are kept at least six months "
                    + "(P6M), so a shorter retention is refused");
        }
        return p;
    }
}
