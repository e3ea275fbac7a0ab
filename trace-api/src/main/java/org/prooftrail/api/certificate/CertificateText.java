package org.prooftrail.api.certificate;

import java.util.Map;

/** The certificate's words in Chinese (the template's) and English, for labels, pages and JSON. */
public final class CertificateText {
    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("title", "承诺达标合格证"), Map.entry("product", "产品名称"), Map.entry("lot", "批次"),
            Map.entry("quantity", "数量（重量）"), Map.entry("origin", "产地"), Map.entry("producer", "生产者"),
            Map.entry("contact", "联系方式"), Map.entry("issuedOn", "开具日期"), Map.entry("commit", "我承诺对生产销售的食用农产品："),
            Map.entry("basis", "承诺依据"), Map.entry("certificates", "承诺达标合格证"),
            Map.entry("inherited", "来自原料批次 %s"), Map.entry("scan", "扫码查验"), Map.entry("issuer", "开具单位"),
            Map.entry("receipts", "收取记录"), Map.entry("none", "无"));
    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("title", "Commitment-compliance certificate"), Map.entry("product", "Product"), Map.entry("lot", "Lot"),
            Map.entry("quantity", "Quantity (weight)"), Map.entry("origin", "Origin"), Map.entry("producer", "Producer"),
            Map.entry("contact", "Contact"), Map.entry("issuedOn", "Issued on"),
            Map.entry("commit", "For the edible farm produce I produce and sell, I commit:"),
            Map.entry("basis", "Basis of the commitment"), Map.entry("certificates", "Compliance certificates"),
            Map.entry("inherited", "from input lot %s"), Map.entry("scan", "Scan to check"), Map.entry("issuer", "Issued by"),
            Map.entry("receipts", "Received by"), Map.entry("none", "none"));

    private final String lang;
    private final Map<String, String> words;

    private CertificateText(String lang, Map<String, String> words) {
        this.lang = lang;
        this.words = words;
    }

    /** {@code zh} or anything else (English). */
    public static CertificateText of(String lang) {
        return "zh".equals(lang) ? new CertificateText("zh", ZH) : new CertificateText("en", EN);
    }

    public String lang() {
        return lang;
    }

    public String get(String key) {
        String w = words.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no certificate text '" + key + "'");
        }
        return w;
    }

    public String format(String key, Object... args) {
        return String.format(get(key), args);
    }
}
