-- Readings become a TimescaleDB hypertable, compressed where the build allows, when this role can use
-- the extension; otherwise they stay V1's table partitioned by month. Decided from pg_extension and
-- pg_available_extensions, and by trying: an application role may not read shared_preload_libraries
-- (the first version of this migration did, and stopped there on managed TimescaleDB services).
-- Each fallback raises a WARNING (Flyway logs it); Database logs the outcome at start too.
-- A partitioned table cannot be converted, so it is recreated while still empty (this runs right after V1).
-- Rewritten after release: RewrittenMigrations accepts databases that applied the first version.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
            RETURN; -- no TimescaleDB on this server: monthly partitions
        END IF;
        BEGIN
            CREATE EXTENSION timescaledb;
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'ProofTrail: TimescaleDB is on this server but not in database %, and this role cannot create it (%). Readings FALL BACK to a plain table partitioned by month, without compression, and stay so. To use TimescaleDB, have an administrator run CREATE EXTENSION timescaledb in an empty database before the first start (docs/deploy.md, "Database roles").',
                current_database(), SQLERRM;
            RETURN;
        END;
    END IF;
    BEGIN
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
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'ProofTrail: TimescaleDB is installed in database % but readings cannot become a hypertable (%); is it in shared_preload_libraries? Readings FALL BACK to a plain table partitioned by month, without compression, and stay so (docs/deploy.md, "Database roles").',
            current_database(), SQLERRM;
        RETURN;
    END;
    BEGIN
        EXECUTE 'ALTER TABLE reading SET (timescaledb.compress, timescaledb.compress_segmentby = ''device_id'')';
        PERFORM add_compression_policy('reading', interval '7 days');
    EXCEPTION WHEN OTHERS THEN
        -- an Apache-licensed build (timescaledb.license = apache) has hypertables but no compression
        RAISE WARNING 'ProofTrail: readings are a TimescaleDB hypertable WITHOUT compression (%); the Apache-licensed build of TimescaleDB has none.',
            SQLERRM;
    END;
END $$;
