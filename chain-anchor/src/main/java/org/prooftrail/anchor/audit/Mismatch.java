package org.prooftrail.anchor.audit;

/**
 * One difference between a stored row and the row recomputed from its envelope.
 *
 * @param device the envelope's device (for rows without an envelope: the row's device, if it has one)
 * @param seq the envelope's seq; null for rows with no envelope behind them
 * @param envelopeId the envelope id the row is stored under (-1: none)
 * @param table {@code reading}, {@code epcis_event}, {@code event_epc} or {@code envelope}
 * @param row which row of the table: a reading's time, an event's eventID
 * @param field the column, {@code doc} with a JSON path inside it, or {@code row} when the whole row is
 *     missing or has no envelope behind it
 * @param stored what the database holds ({@code absent}: no such row)
 * @param derived what the envelope says ({@code absent}: no such row)
 */
public record Mismatch(String device, Long seq, long envelopeId, String table, String row, String field, String stored,
                       String derived) {
    /** Marks the side of a row that does not exist. */
    public static final String ABSENT = "absent";

    /** One line for people: envelope, table, field and both values. */
    public String describe() {
        String envelope = seq == null ? "no envelope (id " + envelopeId + (device == null ? "" : ", device " + device) + ")"
                : "envelope " + device + "/" + seq;
        return envelope + ": " + table + (row == null ? "" : " [" + row + "]") + " " + field + ": stored " + stored
                + ", signed " + derived;
    }
}
