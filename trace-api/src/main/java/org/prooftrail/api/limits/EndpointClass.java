package org.prooftrail.api.limits;

/**
 * The public endpoints, grouped by what one request costs and how often an honest client sends it;
 * each class has its own budget per client address (docs/configuration.md, "Public rate limits").
 */
public enum EndpointClass {
    /**
     * Resolver links, the consumer page, its evidence document and the server's proof check: a
     * consumer scans a few codes, each page load costs a lookup, an evidence document and maybe a check.
     */
    LOOKUP("lookup", "PT_PUBLIC_RATE_LIMIT", 120),
    /** Proof bundles and consistency proofs: a few tile reads each; verifiers fetch them one by one. */
    PROOF("proof", "PT_PROOF_RATE_LIMIT", 60),
    /**
     * The log as mirrors and monitors follow it (checkpoints, tiles, entry bundles, the log key) and
     * the static files (the page's script, the contract, the docs page): cheap and cacheable, but a
     * monitor catching up fetches many tiles.
     */
    LOG("log", "PT_LOG_RATE_LIMIT", 600),
    /**
     * Password sign-ins to the console: a person types a password a few times a day; locking one
     * account after wrong passwords does not stop trying one password on many accounts, this does.
     */
    SIGN_IN("sign-in", "PT_SIGN_IN_RATE_LIMIT", 30);

    private final String label;
    private final String setting;
    private final int defaultPerMinute;

    EndpointClass(String label, String setting, int defaultPerMinute) {
        this.label = label;
        this.setting = setting;
        this.defaultPerMinute = defaultPerMinute;
    }

    /** How metrics and problem bodies name it. */
    public String label() {
        return label;
    }

    /** The PT_* setting of its budget (requests per client address per minute). */
    public String setting() {
        return setting;
    }

    public int defaultPerMinute() {
        return defaultPerMinute;
    }
}
