package org.prooftrail.api.page;

import com.fasterxml.jackson.databind.JsonNode;
import org.prooftrail.api.certificate.CertificateJson;
import org.prooftrail.api.certificate.CertificateText;
import org.prooftrail.core.certificate.Basis;
import org.prooftrail.core.certificate.Commitment;
import org.prooftrail.core.certificate.CommitmentCertificate;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.LotCertificate;

/**
 * The consumer page's section on the commitment-compliance certificates (承诺达标合格证) of the lot:
 * its own and those of the lots it was mixed or repacked from, each with its commitments, basis and a
 * link to its page. No section when there are none.
 */
final class CertificatesSection {
    private CertificatesSection() {
    }

    static void append(StringBuilder b, String lang, Lot lot) {
        if (lot == null || lot.certificates().isEmpty()) {
            return;
        }
        CertificateText t = CertificateText.of(lang);
        b.append("<section id=\"pt-certificates\"><h2>").append(Html.esc(t.get("certificates"))).append("</h2>");
        for (LotCertificate c : lot.certificates()) {
            JsonNode x = c.content();
            b.append("<article class=\"certificate\"><h3>").append(Html.esc(x.path("productName").asText()))
                    .append(" · ").append(Html.esc(t.get("lot"))).append(" ").append(Html.esc(c.lot())).append("</h3>");
            if (!c.issuedFor(lot)) {
                b.append("<p class=\"note\">").append(Html.esc(t.format("inherited", c.lot()))).append("</p>");
            }
            b.append("<dl>");
            dt(b, t.get("quantity"), x.path("quantity").asText() + " " + x.path("unit").asText());
            dt(b, t.get("origin"), x.path("origin").asText());
            dt(b, t.get("producer"), x.path("producer").path("name").asText());
            dt(b, t.get("contact"), x.path("producer").path("contact").asText());
            dt(b, t.get("issuedOn"), x.path("issuedOn").asText());
            b.append("</dl><p>").append(Html.esc(t.get("commit"))).append("</p><ul>");
            for (Commitment k : Commitment.values()) {
                boolean yes = x.path("commitments").path(k.field()).asBoolean(false);
                b.append("<li>").append(yes ? "☑ " : "☐ ").append(Html.esc(k.text(t.lang()))).append("</li>");
            }
            b.append("</ul><p>").append(Html.esc(t.get("basis"))).append(": ");
            String sep = "";
            for (Basis k : CommitmentCertificate.basisOf(x)) {
                b.append(sep).append("☑ ").append(Html.esc(k.text(t.lang())));
                sep = " ";
            }
            b.append("</p><p><a href=\"").append(Html.esc(CertificateJson.path(c.id()))).append("\">")
                    .append(Html.esc(c.id())).append("</a></p></article>");
        }
        b.append("</section>");
    }

    private static void dt(StringBuilder b, String term, String value) {
        b.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
    }
}
