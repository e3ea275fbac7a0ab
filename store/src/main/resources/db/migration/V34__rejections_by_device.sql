-- The console's device list counts each device's rejections of the last day by reason. Without this
-- it read every rejection of the day by time, which a flood of garbage in other devices' names makes
-- slow; rejections are rare next to stored envelopes, so the index costs ingest little.
CREATE INDEX rejected_message_device_idx ON rejected_message (device_id, received_at) WHERE device_id IS NOT NULL;
