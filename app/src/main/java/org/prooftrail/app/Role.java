package org.prooftrail.app;

/**
 * The jobs one process can do; {@code all} is ingest, anchor and api in one process. {@code witness}
 * is another party's job (a regulator's, a company's) and always runs alone, without the database.
 */
public enum Role {
    INGEST, ANCHOR, API, ALL, WITNESS
}
