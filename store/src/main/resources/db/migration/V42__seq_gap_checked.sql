-- How far store.envelopes.GapAlerts has looked at each device's envelopes (issue 18). Every run of
-- missing seqs that ends at or below checked_seq was alerted when it became due (or is the step at a
-- stream reset), so a look reads a device's envelopes from checked_seq on, not from its first one:
-- a device that lost one envelope once stays "missing envelopes" in device_stream for good, and each
-- look (every 10 s by default) read its whole history again while it kept reporting (1.5-2.8 s of
-- PostgreSQL for 100 devices with 681,000 envelopes). Written by GapAlerts; a stream reset deletes the
-- device's row (store.envelopes.StreamResets), since a new stream may start below it.
CREATE TABLE seq_gap_checked (
    device_id   text PRIMARY KEY REFERENCES device (id),
    checked_seq bigint NOT NULL
);
