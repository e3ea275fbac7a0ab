package org.prooftrail.api.console;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.prooftrail.api.page.Html;

/**
 * What the devices pages say and how they write figures: rejection reasons in words, times, rates per
 * minute, short fingerprints.
 */
final class DeviceText {
    /** The API's device id pattern: anything else is no device, and never goes into an API path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** What each rejection reason asks of the device's owner, in English and Chinese. */
    private static final Map<String, String[]> REASONS = Map.ofEntries(
            Map.entry("OVERSIZED", new String[] {"larger than the size limit", "超过大小上限"}),
            Map.entry("MALFORMED_JWS", new String[] {"not a JWS ingest accepts", "不是可接受的 JWS"}),
            Map.entry("UNKNOWN_DEVICE", new String[] {"key id not registered", "密钥编号未注册"}),
            Map.entry("REVOKED_KEY", new String[] {"signed with a revoked key", "使用已吊销的密钥签名"}),
            Map.entry("BAD_SIGNATURE", new String[] {"signature does not verify", "签名验证失败"}),
            Map.entry("MALFORMED_JSON", new String[] {"payload is not valid JSON", "载荷不是有效的 JSON"}),
            Map.entry("SCHEMA_VIOLATION", new String[] {"payload breaks the envelope rules", "载荷不符合信封规则"}),
            Map.entry("DEVICE_MISMATCH", new String[] {"key belongs to another device", "密钥属于其他设备"}),
            Map.entry("MISSING_SIGNATURE", new String[] {"no signature", "缺少签名"}),
            Map.entry("MALFORMED_DISCLOSURE", new String[] {"bad SD-JWT disclosure", "SD-JWT 披露格式错误"}),
            Map.entry("DISCLOSURE_UNMATCHED", new String[] {"disclosure not signed", "披露与签名不符"}),
            Map.entry("DUPLICATE_DIGEST", new String[] {"digest sent twice", "摘要重复"}),
            Map.entry("REPLAY", new String[] {"seq reused with other content", "序号被重复使用且内容不同"}),
            Map.entry("TOPIC_MISMATCH", new String[] {"wrong MQTT topic", "MQTT 主题错误"}),
            Map.entry("SEQ_OUT_OF_WINDOW", new String[] {"seq far outside the stream", "序号超出允许窗口"}),
            Map.entry("CLOCK_SKEW", new String[] {"time ahead of the server's clock", "时间超前于服务器时钟"}),
            Map.entry("STORE_FAILED", new String[] {"the database refused it", "数据库拒绝存储"}));

    private DeviceText() {
    }

    static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static String reason(ConsoleRequest r, String code) {
        String[] words = REASONS.get(code);
        return words == null ? code : r.t(words[0], words[1]);
    }

    /** A time of the API's (ISO-8601) as people read it, or a dash. */
    static String time(String iso) {
        if (iso == null) {
            return "–";
        }
        try {
            return TIME.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /** A count over a window as a rate per minute: "0.8/min", with "≥" when the count is a lower bound. */
    static String perMinute(ConsoleRequest r, JsonObject rates, String field, int minutes) {
        long n = rates == null ? 0 : rates.getLong(field, 0L);
        boolean atLeast = rates != null && "lastHour".equals(field) && rates.getBoolean("atLeast", false);
        String rate = n == 0 ? "0" : String.format(Locale.ROOT, "%.1f", n / (double) minutes);
        return (atLeast ? "≥" : "") + rate + r.t("/min", "/分钟");
    }

    /** The start of a key's fingerprint, enough to tell keys apart at a glance. */
    static String shortFingerprint(String fingerprint) {
        if (fingerprint == null) {
            return "–";
        }
        String hex = fingerprint.startsWith("sha256:") ? fingerprint.substring(7) : fingerprint;
        return "SHA256 " + hex.substring(0, Math.min(16, hex.length()));
    }

    /** The key in force (newest not revoked), or null. */
    static JsonObject currentKey(JsonObject device) {
        for (Object k : device.getJsonArray("keys", new io.vertx.core.json.JsonArray())) {
            JsonObject key = (JsonObject) k;
            if (key.getString("revokedAt") == null) {
                return key;
            }
        }
        return null;
    }

    /** A select of the three signature algorithms, {@code chosen} selected. */
    static String algSelect(ConsoleRequest r, String id, String chosen) {
        StringBuilder b = new StringBuilder("<label for=\"").append(id).append("\">")
                .append(Html.esc(r.t("Signature algorithm", "签名算法")))
                .append("<select id=\"").append(id).append("\" name=\"alg\" required>");
        for (String[] alg : new String[][] {{"EdDSA", "EdDSA (Ed25519)"}, {"ES256", "ES256 (P-256)"},
                {"SM2SM3", r.t("SM2SM3 (SM2 with SM3)", "SM2SM3（国密 SM2/SM3）")}}) {
            b.append("<option value=\"").append(alg[0]).append('"').append(alg[0].equals(chosen) ? " selected" : "")
                    .append('>').append(Html.esc(alg[1])).append("</option>");
        }
        return b.append("</select></label>").toString();
    }

    /** A labelled PEM text area. */
    static String pemArea(ConsoleRequest r, String id, String value) {
        return "<label for=\"" + id + "\">" + Html.esc(r.t("Public key (PEM)", "公钥（PEM 格式）"))
                + "<span class=\"hint\">-----BEGIN PUBLIC KEY----- …</span>"
                + "<textarea id=\"" + id + "\" name=\"publicKeyPem\" rows=\"6\" required spellcheck=\"false\">"
                + Html.esc(value == null ? "" : value) + "</textarea></label>";
    }

    /** A labelled text input; {@code hint} may be null. */
    static String input(String id, String name, String label, String hint, String value, boolean required) {
        return "<label for=\"" + id + "\">" + Html.esc(label)
                + (hint == null ? "" : "<span class=\"hint\">" + Html.esc(hint) + "</span>")
                + "<input id=\"" + id + "\" name=\"" + name + "\" value=\"" + Html.esc(value == null ? "" : value) + "\""
                + (required ? " required" : "") + "></label>";
    }
}
