package org.prooftrail.store.registry;

/** An item to issue: its serial, its Digital Link URI and its China drug code (or null). */
public record NewItem(String serial, String digitalLink, String cnCode) {
}
