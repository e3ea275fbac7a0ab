package org.prooftrail.api.console;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prooftrail.core.identifiers.ChinaDrugCode;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.trace.TraceId;

/**
 * What a code typed or pasted into the search box is: a Digital Link (URL or path), a GS1 element string,
 * a 20-digit China drug code, a GTIN with a lot (two fields, or "gtin lot", or "gtin/lot") or an EPC URN;
 * and the code to hand the trace API. The API decides whether the code is known and who may see it;
 * this only reads the shape, so a person is told what was understood before the trace runs.
 *
 * @param form    how the code was written
 * @param code    what to send to {@code GET /v1/trace/{code}}, null when the code cannot be traced
 * @param id      the code as the trace reads it, null for China codes (the API resolves them) and failures
 * @param problem why the code cannot be traced (English, from the identifier's own check), null when it can
 */
record TraceCodeReading(Form form, String code, TraceId id, String problem) {
    private static final Pattern DIGITS20 = Pattern.compile("[0-9]{20}");
    private static final Pattern GTIN_AND_LOT = Pattern.compile("([0-9]{8,14})(?:\\s+|/)(\\S.*)");
    private static final Pattern ELEMENT = Pattern.compile("\\(([0-9]{2,4})\\)([^(]+)");

    /** How a code was written. */
    enum Form {
        DIGITAL_LINK_URL("a GS1 Digital Link URL", "GS1 数字链接网址"),
        DIGITAL_LINK_PATH("a GS1 Digital Link path", "GS1 数字链接路径"),
        ELEMENT_STRING("a GS1 element string", "GS1 元素串"),
        CHINA_CODE("a China drug traceability code", "药品追溯码"),
        GTIN_LOT("a GTIN and a lot", "GTIN 与批号"),
        EPC_URN("an EPC URN", "EPC URN"),
        UNKNOWN("not a code the console recognises", "无法识别的编码");

        final String en;
        final String zh;

        Form(String en, String zh) {
            this.en = en;
            this.zh = zh;
        }
    }

    /**
     * Reads the search: {@code q} alone, or {@code gtin} and {@code lot} from their own fields when {@code q}
     * is blank. Never throws: a malformed code comes back with its problem.
     */
    static TraceCodeReading read(String q, String gtin, String lot) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            if (gtin != null && !gtin.isBlank() && lot != null && !lot.isBlank()) {
                return gtinLot(gtin.strip(), lot.strip());
            }
            if (gtin != null && !gtin.isBlank()) {
                return failed(Form.GTIN_LOT, "a product alone is not traced; name its lot too");
            }
            return failed(Form.UNKNOWN, "the code is empty");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:epc:")) {
            return traced(Form.EPC_URN, text);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            if (!text.contains("/01/") && !text.contains("/00/")) {
                return failed(Form.DIGITAL_LINK_URL, "a Digital Link names /01/{gtin} or /00/{sscc} in its path");
            }
            return traced(Form.DIGITAL_LINK_URL, text);
        }
        if (text.startsWith("/01/") || text.startsWith("/00/") || text.startsWith("01/") || text.startsWith("00/")) {
            return traced(Form.DIGITAL_LINK_PATH, text.startsWith("/") ? text : "/" + text);
        }
        if (text.startsWith("(")) {
            return elementString(text);
        }
        if (DIGITS20.matcher(text).matches()) {
            String problem = ChinaDrugCode.problemOf(text);
            return problem == null ? new TraceCodeReading(Form.CHINA_CODE, text, null, null) : failed(Form.CHINA_CODE, problem);
        }
        Matcher m = GTIN_AND_LOT.matcher(text);
        if (m.matches()) {
            return gtinLot(m.group(1), m.group(2).strip());
        }
        if (text.matches("[0-9]{8,14}")) {
            return failed(Form.GTIN_LOT, "a product alone is not traced; name its lot too");
        }
        return failed(Form.UNKNOWN, "give a Digital Link, a 20-digit China drug code, a GTIN and lot, or an EPC URN");
    }

    private static TraceCodeReading gtinLot(String gtin, String lot) {
        String problem = Gtin.problemOfRaw(gtin);
        if (problem != null) {
            return failed(Form.GTIN_LOT, problem);
        }
        String g = Gtin.parse(gtin).value();
        return new TraceCodeReading(Form.GTIN_LOT, g + "/" + lot, TraceId.lot(g, lot, null), null);
    }

    /** {@code (01)09506000134352(10)L1(21)S1} as a Digital Link path (AI 00, 01, 10 and 21; others are left out). */
    private static TraceCodeReading elementString(String text) {
        Matcher m = ELEMENT.matcher(text);
        String sscc = null;
        String gtin = null;
        String lot = null;
        String serial = null;
        int end = 0;
        while (m.find() && m.start() == end) {
            end = m.end();
            String v = m.group(2).strip();
            switch (m.group(1)) {
                case "00" -> sscc = v;
                case "01" -> gtin = v;
                case "10" -> lot = v;
                case "21" -> serial = v;
                default -> { } // dates, quantities: not part of what is traced
            }
        }
        if (end != text.length() || sscc == null && gtin == null) {
            return failed(Form.ELEMENT_STRING, "an element string is (AI)value pairs with (01) or (00)");
        }
        if (sscc != null) {
            return traced(Form.ELEMENT_STRING, "/00/" + sscc);
        }
        StringBuilder path = new StringBuilder("/01/").append(gtin);
        if (lot != null) {
            path.append("/10/").append(enc(lot));
        }
        if (serial != null) {
            path.append("/21/").append(enc(serial));
        }
        return traced(Form.ELEMENT_STRING, path.toString());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static TraceCodeReading traced(Form form, String code) {
        try {
            TraceId id = TraceId.parse(code);
            if (id.kind() == TraceId.Kind.OTHER) {
                return failed(form, "this is not a GS1 item, lot or container code");
            }
            return new TraceCodeReading(form, code, id, null);
        } catch (IllegalArgumentException e) {
            return failed(form, e.getMessage());
        }
    }

    private static TraceCodeReading failed(Form form, String problem) {
        return new TraceCodeReading(form, null, null, problem);
    }

    boolean traceable() {
        return code != null;
    }

    /** One sentence saying what was understood, in the page's language. */
    String explain(Lang lang) {
        StringBuilder b = new StringBuilder(lang.pick("Read as " + form.en, "识别为" + form.zh));
        if (form == Form.CHINA_CODE && problem == null) {
            return b.append(lang.pick(": drug identifier " + code.substring(0, 7) + ", pack " + code.substring(7, 16)
                    + ". The API finds the pack it was issued for.", "：药品标识 " + code.substring(0, 7) + "，包装序号 "
                    + code.substring(7, 16) + "。由接口查找该码所属的单品。")).toString();
        }
        if (id == null) {
            return b.append(lang.pick(".", "。")).toString();
        }
        b.append(lang.pick(": ", "："));
        switch (id.kind()) {
            case ITEM -> b.append(lang.pick("the item with serial " + id.serial() + " of GTIN " + id.gtin()
                    + (id.lot() == null ? "" : ", lot " + id.lot()), "GTIN " + id.gtin()
                    + (id.lot() == null ? "" : "，批号 " + id.lot()) + "，序列号 " + id.serial() + " 的单品"));
            case LOT -> b.append(lang.pick("lot " + id.lot() + " of GTIN " + id.gtin(), "GTIN " + id.gtin() + " 的批次 " + id.lot()));
            case CONTAINER -> b.append(lang.pick("the case or pallet with SSCC " + id.serial(), "SSCC 为 " + id.serial() + " 的箱或托盘"));
            case OTHER -> b.append(id.key());
        }
        return b.append(lang.pick(".", "。")).toString();
    }
}
