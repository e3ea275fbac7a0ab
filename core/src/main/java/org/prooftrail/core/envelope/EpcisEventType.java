package org.prooftrail.core.envelope;

import java.util.Optional;

/** The five EPCIS 2.0 event types; an envelope may carry any one of them. */
public enum EpcisEventType {
    ObjectEvent,
    AggregationEvent,
    TransactionEvent,
    TransformationEvent,
    AssociationEvent;

    public static Optional<EpcisEventType> fromName(String name) {
        for (EpcisEventType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
