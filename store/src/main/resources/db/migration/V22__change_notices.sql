-- Lookups keep assembled journeys in memory (trace-api's KeptJourneys) and drop them when data they
-- depend on changes, told by NOTIFY on channel pt_changes (store.changes.ChangeNotices): a payload is
-- lines, c<key>, d<device>, l<location>, i<gtin>/<serial>, or 'r' alone (drop everything). Envelopes announce what
-- they name from their writer (store.envelopes.BatchWriter: codes and devices). The registry is
-- announced here, by trigger, so that no writer of these tables can forget it:
--   device: its location, old and new (a window's devices are those at its place);
--   item: the pack (gtin/serial) when it changes or goes (retired, dispensed); a new item changes no
--         journey kept (its own lookup assembles its lot afresh);
--   organisation, product, lot: any change or removal drops everything (names, rules, expiry: rare);
--   a new organisation only when it has a GLN (a place may take its name);
--   dispensing (a sale): the pack, as for an item change (below).
CREATE FUNCTION pt_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pt_changes', 'r');
    RETURN NULL;
END
$$;

CREATE FUNCTION pt_device_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.location IS NOT NULL THEN
        PERFORM pg_notify('pt_changes', 'l' || OLD.location);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.location IS NOT NULL THEN
        PERFORM pg_notify('pt_changes', 'l' || NEW.location);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION pt_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pt_changes', 'i' || trim(OLD.gtin) || '/' || OLD.serial);
    RETURN NULL;
END
$$;

CREATE FUNCTION pt_organisation_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.gln IS NOT NULL THEN
        PERFORM pg_notify('pt_changes', 'r');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER organisation_changed AFTER UPDATE OR DELETE OR TRUNCATE ON organisation
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER organisation_added AFTER INSERT ON organisation
    FOR EACH ROW EXECUTE FUNCTION pt_organisation_added();
CREATE TRIGGER product_changed AFTER UPDATE OR DELETE OR TRUNCATE ON product
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER lot_changed AFTER UPDATE OR DELETE OR TRUNCATE ON lot
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER item_changed AFTER UPDATE OR DELETE ON item
    FOR EACH ROW EXECUTE FUNCTION pt_item_changed();
CREATE TRIGGER item_truncated AFTER TRUNCATE ON item
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER device_changed AFTER INSERT OR UPDATE OR DELETE ON device
    FOR EACH ROW EXECUTE FUNCTION pt_device_changed();
CREATE TRIGGER device_truncated AFTER TRUNCATE ON device
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();

-- A pack's sale (migration V20) changes its page like an item change.
CREATE FUNCTION pt_dispensing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('pt_changes', 'i' || trim(OLD.gtin) || '/' || OLD.serial);
    ELSE
        PERFORM pg_notify('pt_changes', 'i' || trim(NEW.gtin) || '/' || NEW.serial);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER dispensing_changed AFTER INSERT OR UPDATE OR DELETE ON dispensing
    FOR EACH ROW EXECUTE FUNCTION pt_dispensing_changed();
