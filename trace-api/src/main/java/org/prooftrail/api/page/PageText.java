package org.prooftrail.api.page;

import java.util.Locale;
import java.util.Map;

/** The consumer page's words in English and Chinese, and the choice between them. */
public final class PageText {
    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("lang", "en"), Map.entry("other", "中文"), Map.entry("otherLang", "zh"),
            Map.entry("madeBy", "Made by"), Map.entry("lot", "Lot"), Map.entry("serial", "Serial"),
            Map.entry("expires", "Expires"), Map.entry("journey", "Journey"), Map.entry("coldChain", "Cold chain"),
            Map.entry("pass", "Cold chain held"), Map.entry("fail", "Cold chain broken"),
            Map.entry("no-data", "No temperature data"), Map.entry("band", "Allowed"),
            Map.entry("excursions", "Excursions"), Map.entry("duration", "min"), Map.entry("peak", "peak"),
            Map.entry("scans", "This code was checked %d times since %s."),
            Map.entry("firstScan", "This is the first check of this code."),
            Map.entry("dispensed", "Warning: this pack was dispensed on %s and has been checked %d times since. "
                    + "If you did not just receive it from a pharmacy, the code may have been copied."),
            Map.entry("regions", "Warning: this code was checked from %d different regions; copied codes look like this."),
            Map.entry("expiryMismatch", "Warning: the expiry date in this code (%s) differs from the maker's record (%s)."),
            Map.entry("gone", "This pack was withdrawn by its maker. Do not use it."),
            Map.entry("notFound", "This code is not known here."),
            Map.entry("notFoundHelp", "Check that you scanned the whole code. A code that is not registered may be mistyped, "
                    + "not yet issued, or not genuine."),
            Map.entry("checking", "Checking the proof in your browser…"), Map.entry("verified", "Verified in your browser"),
            Map.entry("verifiedServer", "Verified by the server"), Map.entry("failed", "Proof check failed"),
            Map.entry("noProof", "No signed record to check yet"),
            Map.entry("pending", "Recorded; waiting for the next signed checkpoint (reload in a moment)"),
            Map.entry("keyNote", "Your browser checks the records' signatures and their place in the signed log against "
                    + "the log key this server names (/v1/log/key). For real assurance that key should be pinned out of band, "
                    + "from the operator's published fingerprint."),
            Map.entry("fallbackNote", "Your browser cannot check Ed25519 signatures (or this log uses SM2/SM3), so the "
                    + "server's own check is shown instead; that proves less than a check in your browser."),
            Map.entry("noEvents", "No recorded events yet."), Map.entry("noReadings", "No temperature readings."),
            Map.entry("product", "Product"), Map.entry("rule", "Allowed %s; one excursion at most %s min, %s min in all."));

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("lang", "zh"), Map.entry("other", "English"), Map.entry("otherLang", "en"),
            Map.entry("madeBy", "生产企业"), Map.entry("lot", "批号"), Map.entry("serial", "序列号"),
            Map.entry("expires", "有效期至"), Map.entry("journey", "流通记录"), Map.entry("coldChain", "冷链"),
            Map.entry("pass", "冷链合格"), Map.entry("fail", "冷链中断"), Map.entry("no-data", "无温度数据"),
            Map.entry("band", "允许范围"), Map.entry("excursions", "温度超限"), Map.entry("duration", "分钟"),
            Map.entry("peak", "峰值"),
            Map.entry("scans", "此码自 %2$s 起已被查询 %1$d 次。"), Map.entry("firstScan", "这是此码的首次查询。"),
            Map.entry("dispensed", "警告：此药品已于 %s 售出/调配，此后又被查询 %d 次。如果您不是刚从药房取得，此码可能被复制。"),
            Map.entry("regions", "警告：此码已在 %d 个不同地区被查询，这是复制码的常见特征。"),
            Map.entry("expiryMismatch", "警告：码中的有效期（%s）与生产企业的记录（%s）不一致。"),
            Map.entry("gone", "此产品已被生产企业召回或停用，请勿使用。"), Map.entry("notFound", "未找到此码。"),
            Map.entry("notFoundHelp", "请确认扫描了完整的码。未登记的码可能是输入错误、尚未发放或并非正品。"),
            Map.entry("checking", "正在浏览器中验证……"), Map.entry("verified", "已在您的浏览器中验证"),
            Map.entry("verifiedServer", "已由服务器验证"), Map.entry("failed", "验证失败"),
            Map.entry("noProof", "暂无可验证的签名记录"),
            Map.entry("pending", "已记录，正在等待下一个签名检查点（请稍后刷新）"),
            Map.entry("keyNote", "您的浏览器用本服务器公布的日志公钥（/v1/log/key）验证记录的签名及其在签名日志中的位置。"
                    + "要获得真正的保证，应通过其他渠道（运营方公布的指纹）固定该公钥。"),
            Map.entry("fallbackNote", "您的浏览器不支持 Ed25519 验证（或此日志使用 SM2/SM3），因此显示的是服务器的验证结果，其证明力弱于浏览器内验证。"),
            Map.entry("noEvents", "暂无流通记录。"), Map.entry("noReadings", "无温度读数。"),
            Map.entry("product", "产品"), Map.entry("rule", "允许 %s；单次超限不超过 %s 分钟，累计不超过 %s 分钟。"));

    private static final Map<String, String[]> STEPS = Map.ofEntries(
            Map.entry("commissioning", new String[] {"Made and coded", "生产赋码"}),
            Map.entry("packing", new String[] {"Packed", "装箱"}),
            Map.entry("shipping", new String[] {"Shipped", "发运"}),
            Map.entry("receiving", new String[] {"Received", "收货"}),
            Map.entry("departing", new String[] {"Departed", "离开"}),
            Map.entry("arriving", new String[] {"Arrived", "到达"}),
            Map.entry("storing", new String[] {"Stored", "入库"}),
            Map.entry("dispensing", new String[] {"Dispensed", "调配/售出"}),
            Map.entry("retail_selling", new String[] {"Sold", "零售"}),
            Map.entry("inspecting", new String[] {"Inspected", "检验"}),
            Map.entry("planting", new String[] {"Planted", "种植"}),
            Map.entry("harvesting", new String[] {"Harvested", "采收"}),
            Map.entry("applying", new String[] {"Treated (e.g. pesticide)", "施用农资（如农药）"}),
            Map.entry("creating_class_instance", new String[] {"Processed into this product", "加工成本产品"}),
            Map.entry("transforming", new String[] {"Processed", "加工"}),
            Map.entry("unpacking", new String[] {"Unpacked", "拆箱"}));

    private final Map<String, String> words;

    private PageText(Map<String, String> words) {
        this.words = words;
    }

    public static PageText of(String lang) {
        return new PageText("zh".equals(lang) ? ZH : EN);
    }

    public String lang() {
        return words.get("lang");
    }

    public String get(String key) {
        return words.getOrDefault(key, key);
    }

    public String format(String key, Object... args) {
        return String.format(Locale.ROOT, get(key), args);
    }

    /** A bizStep as people say it; unknown steps (custom vocabularies) are shown as given. */
    public String step(String bizStep, String type) {
        if (bizStep == null) {
            return type;
        }
        String[] s = STEPS.get(bizStep);
        return s == null ? bizStep : s["zh".equals(lang()) ? 1 : 0];
    }

    /** {@code ?lang=} wins; then the Accept-Language entry with the highest weight that is zh or en; else en. */
    public static String choose(String query, String acceptLanguage) {
        if ("en".equals(query) || "zh".equals(query)) {
            return query;
        }
        if (acceptLanguage == null) {
            return "en";
        }
        String best = "en";
        double bestQ = -1;
        for (String part : acceptLanguage.split(",")) {
            String[] f = part.trim().split(";");
            String tag = f[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < f.length; i++) {
                String p = f[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String lang = tag.startsWith("zh") ? "zh" : tag.startsWith("en") ? "en" : null;
            if (lang != null && q > bestQ) {
                best = lang;
                bestQ = q;
            }
        }
        return best;
    }
}
