package org.prooftrail.api.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import org.prooftrail.api.page.Html;
import org.prooftrail.core.certificate.Basis;
import org.prooftrail.core.certificate.Commitment;
import org.prooftrail.core.certificate.CommitmentCertificate;
import org.prooftrail.store.certificates.StoredCertificate;

/**
 * A certificate's public page, where its label's QR code leads: the certificate as issued, in Chinese
 * or English, with the link to the proof of its signed record. No script, no external requests.
 */
final class CertificatePage {
    private static final String CSS = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem}"
            + "dt{color:#555;font-size:.85rem}dd{margin:0 0 .5rem}li{list-style:none}";

    private CertificatePage() {
    }

    /** {@code lang} wins, then the first of Accept-Language that is Chinese or not. */
    static String language(String lang, String acceptLanguage) {
        if (lang != null) {
            return lang.equals("zh") ? "zh" : "en";
        }
        return acceptLanguage != null && acceptLanguage.trim().toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "zh";
    }

    /** @param nonce the style element's nonce, which the response's Content-Security-Policy allows */
    static String render(StoredCertificate c, String lang, String nonce) {
        CertificateText t = CertificateText.of(lang);
        JsonNode x = c.content();
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html><html lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
                .append(Html.esc(t.get("title"))).append(" ").append(Html.esc(c.id())).append("</title><style nonce=\"").append(nonce).append("\">").append(CSS)
                .append("</style></head><body><p><a href=\"?lang=").append(lang.equals("zh") ? "en\">English" : "zh\">中文")
                .append("</a></p><h1>").append(Html.esc(t.get("title"))).append("</h1><dl>");
        dt(b, t.get("product"), x.path("productName").asText());
        dt(b, t.get("lot"), x.path("lot").asText() + " (GTIN " + x.path("gtin").asText() + ")");
        dt(b, t.get("quantity"), x.path("quantity").asText() + " " + x.path("unit").asText());
        dt(b, t.get("origin"), x.path("origin").asText());
        dt(b, t.get("producer"), x.path("producer").path("name").asText());
        dt(b, t.get("contact"), x.path("producer").path("contact").asText());
        dt(b, t.get("issuedOn"), x.path("issuedOn").asText());
        dt(b, t.get("issuer"), c.org());
        b.append("</dl><p>").append(Html.esc(t.get("commit"))).append("</p><ul>");
        for (Commitment k : Commitment.values()) {
            b.append("<li>").append(x.path("commitments").path(k.field()).asBoolean(false) ? "☑ " : "☐ ")
                    .append(Html.esc(k.text(lang))).append("</li>");
        }
        b.append("</ul><p>").append(Html.esc(t.get("basis"))).append(":</p><ul>");
        for (Basis k : CommitmentCertificate.basisOf(x)) {
            b.append("<li>☑ ").append(Html.esc(k.text(lang))).append("</li>");
        }
        b.append("</ul><p>").append(Html.esc(t.get("receipts"))).append(": ");
        if (c.receipts().isEmpty()) {
            b.append(Html.esc(t.get("none")));
        }
        String sep = "";
        for (StoredCertificate.Receipt r : c.receipts()) {
            b.append(sep).append(Html.esc(r.org())).append(" (").append(Html.esc(r.receivedAt().toString())).append(")");
            sep = ", ";
        }
        b.append("</p><p><a href=\"/v1/proofs/").append(Html.esc(c.device())).append("/").append(c.seq())
                .append("\">proof</a> · eventID ").append(Html.esc(c.eventId())).append("</p></body></html>");
        return b.toString();
    }

    private static void dt(StringBuilder b, String term, String value) {
        b.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
    }
}
