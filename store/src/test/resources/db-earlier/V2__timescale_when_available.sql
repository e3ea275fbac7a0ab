-- When TimescaleDB is loaded, turn the readings table into a compressed hypertable. A partitioned
-- table cannot be converted, so it is recreated while still empty (this runs right after V1).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       AND current_setting('shared_preload_libraries', true) LIKE '%timescaledb%' THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        DROP TABLE reading;
        CREATE TABLE reading (
            time          timestamptz NOT NULL,
            device_id     text NOT NULL,
            envelope_id   bigint NOT NULL,
            temperature_c double precision,
            humidity_pct  double precision,
            latitude      double precision,
            longitude     double precision,
            extra         jsonb
        );
        PERFORM create_hypertable('reading', 'time', chunk_time_interval => interval '1 day');
        CREATE INDEX reading_device_time_idx ON reading (device_id, time);
        EXECUTE 'ALTER TABLE reading SET (timescaledb.compress, timescaledb.compress_segmentby = ''device_id'')';
        PERFORM add_compression_policy('reading', interval '7 days');
    END IF;
END $$;
