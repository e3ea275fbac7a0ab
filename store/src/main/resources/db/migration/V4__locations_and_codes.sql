-- Where a device sits (a truck, a cold room, a field): an EPCIS location URI. An event that puts a
-- lot at that location (bizLocation, or readPoint when no bizLocation) starts a custody window in
-- which that device's readings apply to the lot.
ALTER TABLE device ADD COLUMN location text;
CREATE INDEX device_location_idx ON device (location) WHERE location IS NOT NULL;

-- The 7-digit drug identifier that prefixes a product's China drug traceability codes.
ALTER TABLE product ADD COLUMN cn_drug_id char(7) UNIQUE CHECK (cn_drug_id ~ '^[0-9]{7}$');

-- When an item left the supply chain to a patient or shopper; later scans are suspicious.
ALTER TABLE item ADD COLUMN dispensed_at timestamptz;
