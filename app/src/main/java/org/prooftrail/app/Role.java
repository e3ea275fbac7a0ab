package org.prooftrail.app;

/** The jobs one process can do; {@code all} is every one of them in one process. */
public enum Role {
    INGEST, ANCHOR, API, ALL
}
