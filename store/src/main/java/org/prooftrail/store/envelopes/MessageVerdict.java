package org.prooftrail.store.envelopes;

/** What became of one received message before storage: accepted with its envelope, or refused with a reason. */
public sealed interface MessageVerdict permits AcceptedEnvelope, RefusedMessage {
    Origin origin();
}
