package org.prooftrail.core.envelope;

/** What an envelope carries: a batch of sensor readings or one EPCIS event, never both. */
public sealed interface EnvelopeBody permits Readings, EpcisEvent {

    /** A short description for logs. */
    String describe();
}
