-- A product rule's longest stretch without a reading that still counts as watched; NULL means the
-- default (three times the device's median reporting interval, at least 15 minutes).
ALTER TABLE product ADD COLUMN max_reading_gap interval CHECK (max_reading_gap > interval '0');
