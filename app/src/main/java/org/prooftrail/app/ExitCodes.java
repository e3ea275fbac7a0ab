package org.prooftrail.app;

/** Exit codes scripts can rely on. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int CONFIG = 2;
    /** A sub-command whose issue has not landed yet. */
    static final int NOT_YET = 3;

    private ExitCodes() {
    }
}
