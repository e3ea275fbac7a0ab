package org.prooftrail.api.page;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
            Map.entry("dispensedBy", "Dispensed on %s by %s."),
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
            Map.entry("product", "Product"), Map.entry("rule", "Allowed %s; one excursion at most %s min, %s min in all."),
            Map.entry("noRule", "This product has no temperature rule."),
            // the verdict's basis (Verdict.Basis) with its facts: readings, excursions, minutes, the limit in minutes
            Map.entry("basis.no-rule", "This product has no temperature rule."),
            Map.entry("basis.no-readings", "No temperature readings cover this journey."),
            Map.entry("basis.all-in-band", "All %1$d readings were within the allowed range."),
            Map.entry("basis.single-too-long", "One excursion lasted %2$s min; one may last at most %3$s min."),
            Map.entry("basis.single-too-long.none", "One excursion lasted %2$s min; no excursion is allowed."),
            Map.entry("basis.total-too-long", "%1$d excursions add up to %2$s min; at most %3$s min in all are allowed."),
            Map.entry("basis.total-too-long.none", "%1$d excursions add up to %2$s min; no excursion is allowed."),
            Map.entry("basis.within-limits", "%1$d excursions of %2$s min in all, within the limits (at most %3$s min in all)."),
            Map.entry("basis.within-limits.one", "One excursion of %2$s min, within the limits (at most %3$s min in all)."),
            // incomplete data: stretches or records missing, with their count and minutes; never "held"
            Map.entry("incomplete-data", "Incomplete data: the cold chain cannot be confirmed"),
            Map.entry("basis.uncovered", "No readings cover %1$d stretches of %2$s min in all, so the temperature then is unknown."),
            Map.entry("basis.uncovered.one", "No readings cover a stretch of %2$s min, so the temperature then is unknown."),
            Map.entry("basis.seq-gaps", "%1$d signed records from the sensors never arrived, so readings may be missing."),
            Map.entry("basis.seq-gaps.one", "One signed record from a sensor never arrived, so readings may be missing."),
            Map.entry("uncovered", "Not covered by readings"), Map.entry("seqGaps", "Missing sensor records"),
            Map.entry("seqRange", "records %s"), Map.entry("between", "between %s and %s"),
            Map.entry("more", "…and %d more."),
            // the proof check's steps, as the browser's script and the server's check name them
            Map.entry("proofStep", "A check failed"), Map.entry("proofStep.device signature", "The device's signature"),
            Map.entry("proofStep.envelope in chunk", "The record's place in its batch"),
            Map.entry("proofStep.chunk in log", "The batch's place in the signed log"),
            Map.entry("proofStep.checkpoint signature", "The log checkpoint's signature"),
            Map.entry("proofStep.checkpoint", "The log checkpoint"), Map.entry("proofStep.ledger receipt", "The ledger's receipt"),
            Map.entry("proofStep.proof bundle", "The proof bundle"), Map.entry("proofStep.bundle", "The proof bundle"),
            Map.entry("proofStep.log key", "The log key"), Map.entry("proofStep.server check", "The server's check"),
            // what the page shows, rechecked from the signed records (consumer.js)
            Map.entry("proofStep.evidence", "The signed records behind this page"),
            Map.entry("proofStep.timeline", "An event shown differs from its signed record"),
            Map.entry("proofStep.journey", "An event shown is not about this pack by its signed records"),
            Map.entry("proofStep.disclosures", "A disclosed detail is not the one its issuer signed"),
            Map.entry("proofStep.custody", "Where the goods were differs from the signed records"),
            Map.entry("proofStep.readings", "A temperature shown differs from the signed readings"),
            Map.entry("proofStep.verdict", "The cold-chain verdict differs from the signed readings"),
            Map.entry("proofStep.cosignatures", "The independent witnesses' cosignatures of the log checkpoint"),
            Map.entry("cosignedBy", "Cosigned by: %s"),
            Map.entry("cosignedServer", "%s: cosigned with SM2, which browsers cannot check; the server checked it."),
            Map.entry("serverChecked", "%d records are signed with SM2, which browsers cannot check: the server checked "
                    + "their signatures, not your browser."));

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("lang", "zh"), Map.entry("other", "English"), Map.entry("otherLang", "en"),
            Map.entry("madeBy", "生产企业"), Map.entry("lot", "批号"), Map.entry("serial", "序列号"),
            Map.entry("expires", "有效期至"), Map.entry("journey", "流通记录"), Map.entry("coldChain", "冷链"),
            Map.entry("pass", "冷链合格"), Map.entry("fail", "冷链中断"), Map.entry("no-data", "无温度数据"),
            Map.entry("band", "允许范围"), Map.entry("excursions", "温度超限"), Map.entry("duration", "分钟"),
            Map.entry("peak", "峰值"),
            Map.entry("scans", "此码自 %2$s 起已被查询 %1$d 次。"), Map.entry("firstScan", "这是此码的首次查询。"),
            Map.entry("dispensed", "警告：此药品已于 %s 售出/调配，此后又被查询 %d 次。如果您不是刚从药房取得，此码可能被复制。"),
            Map.entry("dispensedBy", "已于 %s 由 %s 售出/调配。"),
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
            Map.entry("product", "产品"), Map.entry("rule", "允许 %s；单次超限不超过 %s 分钟，累计不超过 %s 分钟。"),
            Map.entry("noRule", "此产品没有温度要求。"),
            Map.entry("basis.no-rule", "此产品没有温度要求。"),
            Map.entry("basis.no-readings", "此流通过程没有温度读数。"),
            Map.entry("basis.all-in-band", "全部 %1$d 个读数均在允许范围内。"),
            Map.entry("basis.single-too-long", "一次超限持续 %2$s 分钟，单次上限为 %3$s 分钟。"),
            Map.entry("basis.single-too-long.none", "一次超限持续 %2$s 分钟，不允许任何超限。"),
            Map.entry("basis.total-too-long", "%1$d 次超限累计 %2$s 分钟，累计上限为 %3$s 分钟。"),
            Map.entry("basis.total-too-long.none", "%1$d 次超限累计 %2$s 分钟，不允许任何超限。"),
            Map.entry("basis.within-limits", "%1$d 次超限，累计 %2$s 分钟，未超出限值（累计上限 %3$s 分钟）。"),
            Map.entry("basis.within-limits.one", "1 次超限，共 %2$s 分钟，未超出限值（累计上限 %3$s 分钟）。"),
            Map.entry("incomplete-data", "数据不完整，无法确认冷链"),
            Map.entry("basis.uncovered", "有 %1$d 个时段（共 %2$s 分钟）没有温度读数，这期间的温度无法确认。"),
            Map.entry("basis.uncovered.one", "有 1 个时段（%2$s 分钟）没有温度读数，这期间的温度无法确认。"),
            Map.entry("basis.seq-gaps", "传感器有 %1$d 条签名记录未送达，可能缺少温度读数。"),
            Map.entry("basis.seq-gaps.one", "传感器有 1 条签名记录未送达，可能缺少温度读数。"),
            Map.entry("uncovered", "无读数覆盖的时段"), Map.entry("seqGaps", "缺失的传感器记录"),
            Map.entry("seqRange", "记录 %s"), Map.entry("between", "%s 至 %s 之间"),
            Map.entry("more", "……另有 %d 项。"),
            Map.entry("proofStep", "某项验证未通过"), Map.entry("proofStep.device signature", "设备签名"),
            Map.entry("proofStep.envelope in chunk", "记录在数据块中的位置"),
            Map.entry("proofStep.chunk in log", "数据块在签名日志中的位置"),
            Map.entry("proofStep.checkpoint signature", "日志检查点的签名"),
            Map.entry("proofStep.checkpoint", "日志检查点"), Map.entry("proofStep.ledger receipt", "账本回执"),
            Map.entry("proofStep.proof bundle", "证明包"), Map.entry("proofStep.bundle", "证明包"),
            Map.entry("proofStep.log key", "日志公钥"), Map.entry("proofStep.server check", "服务器验证"),
            Map.entry("proofStep.evidence", "本页背后的签名记录"),
            Map.entry("proofStep.timeline", "所示事件与其签名记录不符"),
            Map.entry("proofStep.journey", "按签名记录，所示事件与本产品无关"),
            Map.entry("proofStep.disclosures", "所披露的信息与签发方签名的不符"),
            Map.entry("proofStep.custody", "货物所在地点与签名记录不符"),
            Map.entry("proofStep.readings", "所示温度与签名读数不符"),
            Map.entry("proofStep.verdict", "冷链结论与签名读数不符"),
            Map.entry("proofStep.cosignatures", "独立见证方对日志检查点的联署签名"),
            Map.entry("cosignedBy", "联署见证方：%s"),
            Map.entry("cosignedServer", "%s 使用 SM2 联署，浏览器无法验证：该签名由服务器验证。"),
            Map.entry("serverChecked", "%d 条记录使用 SM2 签名，浏览器无法验证：其签名由服务器验证，而非您的浏览器。"));

    /** CBV 2.0 business steps, and the farm and processing steps our scenarios use. */
    private static final Map<String, String[]> STEPS = Map.ofEntries(
            Map.entry("accepting", new String[] {"Accepted", "验收"}),
            Map.entry("arriving", new String[] {"Arrived", "到达"}),
            Map.entry("assembling", new String[] {"Assembled", "组装"}),
            Map.entry("collecting", new String[] {"Collected", "收集"}),
            Map.entry("commissioning", new String[] {"Made and coded", "生产赋码"}),
            Map.entry("consigning", new String[] {"Consigned", "托运"}),
            Map.entry("creating_class_instance", new String[] {"Processed into this product", "加工成本产品"}),
            Map.entry("cycle_counting", new String[] {"Counted", "循环盘点"}),
            Map.entry("decommissioning", new String[] {"Taken out of use", "停用"}),
            Map.entry("departing", new String[] {"Departed", "离开"}),
            Map.entry("destroying", new String[] {"Destroyed", "销毁"}),
            Map.entry("disassembling", new String[] {"Disassembled", "拆解"}),
            Map.entry("dispensing", new String[] {"Dispensed", "调配/售出"}),
            Map.entry("encoding", new String[] {"Coded", "编码"}),
            Map.entry("entering_exiting", new String[] {"Entered or left", "进出"}),
            Map.entry("holding", new String[] {"Held", "暂扣"}),
            Map.entry("inspecting", new String[] {"Inspected", "检验"}),
            Map.entry("installing", new String[] {"Installed", "安装"}),
            Map.entry("killing", new String[] {"Tag disabled", "标签失效"}),
            Map.entry("loading", new String[] {"Loaded", "装车"}),
            Map.entry("other", new String[] {"Other step", "其他环节"}),
            Map.entry("packing", new String[] {"Packed", "装箱"}),
            Map.entry("picking", new String[] {"Picked", "拣货"}),
            Map.entry("receiving", new String[] {"Received", "收货"}),
            Map.entry("removing", new String[] {"Removed", "移出"}),
            Map.entry("repackaging", new String[] {"Repacked", "重新包装"}),
            Map.entry("repairing", new String[] {"Repaired", "维修"}),
            Map.entry("replacing", new String[] {"Replaced", "更换"}),
            Map.entry("reserving", new String[] {"Reserved", "预留"}),
            Map.entry("retail_selling", new String[] {"Sold", "零售"}),
            Map.entry("sampling", new String[] {"Sampled", "抽样"}),
            Map.entry("sensor_reporting", new String[] {"Sensor report", "传感器报告"}),
            Map.entry("shipping", new String[] {"Shipped", "发运"}),
            Map.entry("staging_outbound", new String[] {"Ready to ship", "待发运"}),
            Map.entry("stock_taking", new String[] {"Stock taken", "盘库"}),
            Map.entry("stocking", new String[] {"Shelved", "上架"}),
            Map.entry("storing", new String[] {"Stored", "入库"}),
            Map.entry("transporting", new String[] {"Transported", "运输"}),
            Map.entry("unloading", new String[] {"Unloaded", "卸货"}),
            Map.entry("unpacking", new String[] {"Unpacked", "拆箱"}),
            Map.entry("void_shipping", new String[] {"Shipment cancelled", "取消发运"}),
            Map.entry("planting", new String[] {"Planted", "种植"}),
            Map.entry("harvesting", new String[] {"Harvested", "采收"}),
            Map.entry("applying", new String[] {"Treated (e.g. pesticide)", "施用农资（如农药）"}),
            Map.entry("transforming", new String[] {"Processed", "加工"}));

    /** EPCIS event types, for events without a business step. */
    private static final Map<String, String[]> TYPES = Map.ofEntries(
            Map.entry("ObjectEvent", new String[] {"Recorded", "记录"}),
            Map.entry("AggregationEvent", new String[] {"Packed or unpacked", "装箱或拆箱"}),
            Map.entry("TransactionEvent", new String[] {"Business transaction", "业务往来"}),
            Map.entry("TransformationEvent", new String[] {"Processed", "加工"}),
            Map.entry("AssociationEvent", new String[] {"Associated", "关联"}));

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

    /**
     * A bizStep as people say it, else the event type; unknown steps (custom vocabularies, named by
     * their URIs) and types are shown as given.
     */
    public String step(String bizStep, String type) {
        String[] s = bizStep == null ? TYPES.get(type) : STEPS.get(bizStep);
        return s == null ? (bizStep == null ? type : bizStep) : s["zh".equals(lang()) ? 1 : 0];
    }

    /** The first of the keys this language has a text for (a more specific key first), formatted. */
    public String first(List<String> keys, Object... args) {
        for (String k : keys) {
            if (words.containsKey(k)) {
                return format(k, args);
            }
        }
        throw new IllegalArgumentException("no text for any of " + keys);
    }

    /** Every key, for checks that both languages say everything. */
    static Set<String> keys(String lang) {
        return ("zh".equals(lang) ? ZH : EN).keySet();
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
