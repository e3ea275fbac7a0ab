package org.prooftrail.app;

/** The jobs one process can do; {@code all} is every one of them in one process. */
public enum Role {
    INGEST, ANCHOR, API, ALL;

    public boolean includes(Role other) {
        return this == ALL || this == other;
    }
}
