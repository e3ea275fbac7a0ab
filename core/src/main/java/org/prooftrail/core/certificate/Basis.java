package org.prooftrail.core.certificate;

import java.util.Optional;

/**
 * What a certificate's commitments rest on (承诺依据), one or more of the template's boxes: the
 * measures name quality-safety control and own or entrusted testing; livestock and poultry may rest
 * on the quarantine inspection that other law requires of them.
 */
public enum Basis {
    INTERNAL_QUALITY_CONTROL("internalQualityControl", "质量安全控制符合要求", "Internal quality control met"),
    SELF_CHECK("selfCheck", "自行检测合格", "Own test passed"),
    ENTRUSTED_TEST("entrustedTest", "委托检测合格", "Entrusted laboratory test passed"),
    INSPECTION("inspection", "检疫检验合格", "Inspection (quarantine) passed");

    private final String code;
    private final String zh;
    private final String en;

    Basis(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public String code() {
        return code;
    }

    public String text(String language) {
        return language.equals("zh") ? zh : en;
    }

    public static Optional<Basis> ofCode(String code) {
        for (Basis b : values()) {
            if (b.code.equals(code)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
