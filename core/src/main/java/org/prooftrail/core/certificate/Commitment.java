package org.prooftrail.core.certificate;

/**
 * The statements a commitment-compliance certificate (承诺达标合格证) commits to, as the fixed check
 * boxes of its template: every one must be affirmed, a certificate with one left out is not one.
 * Wording after the Ministry of Agriculture and Rural Affairs' measures (农产品质量安全承诺达标合格证
 * 管理办法, 2025, in force 2026-02-01): no banned pesticides, veterinary drugs or other compounds; the
 * pre-harvest intervals and withdrawal periods kept; residues of the permitted ones within the limits.
 */
public enum Commitment {
    NO_BANNED_SUBSTANCES("noBannedPesticidesOrVeterinaryDrugs", "不使用禁用农药兽药及其他化合物",
            "No banned pesticides, veterinary drugs or other compounds used"),
    WITHDRAWAL_PERIODS_KEPT("withdrawalPeriodsKept", "遵守农药安全间隔期、兽药休药期规定",
            "Pesticide pre-harvest intervals and veterinary drug withdrawal periods kept"),
    RESIDUES_WITHIN_LIMITS("residuesWithinLimits", "常规农药兽药残留不超标",
            "Residues of permitted pesticides and veterinary drugs within the limits");

    private final String field;
    private final String zh;
    private final String en;

    Commitment(String field, String zh, String en) {
        this.field = field;
        this.zh = zh;
        this.en = en;
    }

    /** The member of {@code commitments} in requests and in the signed certificate. */
    public String field() {
        return field;
    }

    public String text(String language) {
        return language.equals("zh") ? zh : en;
    }
}
