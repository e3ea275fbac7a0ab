-- A capture job's page lists the events of its chunk (store.epcis.CaptureJobs.storedEvents: envelopes
-- by chunk, then their events by envelope_id). Without an index on envelope_id that join read the
-- whole of epcis_event on every poll of a finished job: about 10,000 pages at 80,000 events, and
-- growing with the table. Envelope ids rise with every batch, so each new event adds its entry at the
-- right-hand edge of this index.
CREATE INDEX epcis_event_envelope_idx ON epcis_event (envelope_id);
