-- ProofTrail base schema: who (organisations, devices, keys), what (products, lots, items),
-- the signed record (envelopes, readings, EPCIS events), its anchoring (chunks, checkpoints)
-- and what was refused (rejected messages).

CREATE TABLE organisation (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name        text NOT NULL,
    gln         text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE device (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    org_id      text NOT NULL REFERENCES organisation (id),
    kind        text NOT NULL DEFAULT 'sensor',
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX device_org_idx ON device (org_id);

-- A device may hold several keys (rotation); each signs with one algorithm.
CREATE TABLE device_key (
    kid             text PRIMARY KEY,
    device_id       text NOT NULL REFERENCES device (id),
    alg             text NOT NULL CHECK (alg IN ('EdDSA', 'ES256', 'SM2SM3')),
    public_key_pem  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz
);
CREATE INDEX device_key_device_idx ON device_key (device_id);

CREATE TABLE product (
    gtin            char(14) PRIMARY KEY CHECK (gtin ~ '^[0-9]{14}$'),
    org_id          text NOT NULL REFERENCES organisation (id),
    name            text NOT NULL,
    category        text NOT NULL DEFAULT 'drug' CHECK (category IN ('drug', 'produce', 'other')),
    -- cold-chain rule: allowed band and excursion limits (WHO-style single and cumulative)
    temp_min_c      double precision,
    temp_max_c      double precision,
    max_single_excursion interval,
    max_total_excursion  interval,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lot (
    gtin        char(14) NOT NULL REFERENCES product (gtin),
    lot         text NOT NULL CHECK (length(lot) BETWEEN 1 AND 20),
    org_id      text NOT NULL REFERENCES organisation (id),
    produced_at timestamptz,
    expires_on  date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gtin, lot)
);

CREATE TABLE item (
    gtin        char(14) NOT NULL,
    serial      text NOT NULL CHECK (length(serial) BETWEEN 1 AND 20),
    lot         text NOT NULL,
    digital_link text NOT NULL,
    cn_code     char(20) UNIQUE,
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dispensed', 'retired')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gtin, serial),
    FOREIGN KEY (gtin, lot) REFERENCES lot (gtin, lot)
);
CREATE INDEX item_lot_idx ON item (gtin, lot);

-- One chunk per batch that ingest commits: an RFC 9162 tree over its envelopes' leaf hashes.
-- log_index is the chunk root's position in the global log, set by the anchorer.
CREATE TABLE chunk (
    id           bigserial PRIMARY KEY,
    hash_alg     text NOT NULL CHECK (hash_alg IN ('sha256', 'sm3')),
    size         integer NOT NULL CHECK (size > 0),
    root         bytea NOT NULL,
    leaf_hashes  bytea NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    log_index    bigint UNIQUE
);
CREATE INDEX chunk_unlogged_idx ON chunk (id) WHERE log_index IS NULL;

-- The signed record itself: raw JWS bytes are kept so proofs can always be recomputed.
CREATE TABLE envelope (
    id          bigserial PRIMARY KEY,
    device_id   text NOT NULL REFERENCES device (id),
    seq         bigint NOT NULL CHECK (seq >= 0),
    kind        text NOT NULL CHECK (kind IN ('readings', 'event')),
    kid         text NOT NULL,
    alg         text NOT NULL,
    device_ts   timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    jws         bytea NOT NULL,
    -- Deferred: a batch inserts its envelopes first (duplicates skip), then the chunk over
    -- exactly the envelopes that were new, in the same transaction.
    chunk_id    bigint NOT NULL REFERENCES chunk (id) DEFERRABLE INITIALLY DEFERRED,
    leaf_index  integer NOT NULL,
    UNIQUE (device_id, seq)
);
CREATE INDEX envelope_chunk_idx ON envelope (chunk_id, leaf_index);

-- Readings: typed columns for the common metrics, JSON for the rest. Time-partitioned: a
-- TimescaleDB hypertable when the extension is loaded, monthly range partitions otherwise.
CREATE TABLE reading (
    time          timestamptz NOT NULL,
    device_id     text NOT NULL,
    envelope_id   bigint NOT NULL,
    temperature_c double precision,
    humidity_pct  double precision,
    latitude      double precision,
    longitude     double precision,
    extra         jsonb
) PARTITION BY RANGE (time);

CREATE TABLE reading_default PARTITION OF reading DEFAULT;
CREATE INDEX reading_device_time_idx ON reading (device_id, time);

CREATE FUNCTION pt_ensure_reading_partitions(start_at timestamptz, months integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    m date := date_trunc('month', start_at)::date;
    name text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
                   WHERE c.relname = 'reading') THEN
        RETURN; -- a hypertable manages its own chunks
    END IF;
    FOR i IN 0..months LOOP
        name := 'reading_' || to_char(m, 'YYYY_MM');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF reading FOR VALUES FROM (%L) TO (%L)',
                           name, m, (m + interval '1 month')::date);
        END IF;
        m := (m + interval '1 month')::date;
    END LOOP;
END $$;

-- Lifecycle events: the EPCIS 2.0 JSON plus the columns lookups filter on.
CREATE TABLE epcis_event (
    id            bigserial PRIMARY KEY,
    event_id      text NOT NULL UNIQUE,
    envelope_id   bigint REFERENCES envelope (id),
    org_id        text NOT NULL REFERENCES organisation (id),
    event_type    text NOT NULL CHECK (event_type IN ('ObjectEvent', 'AggregationEvent', 'TransactionEvent',
                                                       'TransformationEvent', 'AssociationEvent')),
    action        text,
    event_time    timestamptz NOT NULL,
    event_time_zone_offset text NOT NULL,
    record_time   timestamptz NOT NULL DEFAULT now(),
    biz_step      text,
    disposition   text,
    read_point    text,
    biz_location  text,
    doc           jsonb NOT NULL
);
CREATE INDEX epcis_event_time_idx ON epcis_event (event_time);
CREATE INDEX epcis_event_biz_step_idx ON epcis_event (biz_step, event_time);
CREATE INDEX epcis_event_read_point_idx ON epcis_event (read_point, event_time);
CREATE INDEX epcis_event_biz_location_idx ON epcis_event (biz_location, event_time);

-- Every identifier an event names, with the role it plays, so lookups by code are index scans.
CREATE TABLE event_epc (
    event_id bigint NOT NULL REFERENCES epcis_event (id),
    epc      text NOT NULL,
    role     text NOT NULL CHECK (role IN ('epc', 'parent', 'child', 'input', 'output', 'quantity')),
    PRIMARY KEY (event_id, epc, role)
);
CREATE INDEX event_epc_epc_idx ON event_epc (epc);

-- Signed checkpoints of the global log, with the ledger's receipt.
CREATE TABLE checkpoint (
    id          bigserial PRIMARY KEY,
    origin      text NOT NULL,
    tree_size   bigint NOT NULL UNIQUE CHECK (tree_size > 0),
    root        bytea NOT NULL,
    note        text NOT NULL,
    signed_at   timestamptz NOT NULL DEFAULT now(),
    prev_hash   bytea,
    ledger      text NOT NULL DEFAULT 'local',
    receipt     jsonb
);

-- Refused input, kept so nothing disappears silently: reason, where it came from and its first bytes.
CREATE TABLE rejected_message (
    id           bigserial PRIMARY KEY,
    received_at  timestamptz NOT NULL DEFAULT now(),
    topic        text,
    reason       text NOT NULL,
    detail       text NOT NULL,
    device_id    text,
    payload_size integer NOT NULL,
    payload_head bytea NOT NULL
);
CREATE INDEX rejected_message_time_idx ON rejected_message (received_at);
CREATE INDEX rejected_message_reason_idx ON rejected_message (reason, received_at);
