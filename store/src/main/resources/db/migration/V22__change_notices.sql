-- Lookups keep assembled journeys in memory (trace-api's LookupCache) and drop them when data they
-- depend on changes, told by NOTIFY on channel pt_changes (store.changes.ChangeNotices). Envelopes
-- announce what they name from their writer (store.envelopes.BatchWriter: codes and devices). The
-- registry is announced here, by trigger, so that no writer of these tables can forget it: any
-- change to an organisation, product, lot, item or device says 'r' (drop everything), once per
-- statement. They change rarely next to envelopes; a bulk issue of codes is one statement.
CREATE FUNCTION pt_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pt_changes', 'r');
    RETURN NULL;
END
$$;

CREATE TRIGGER organisation_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER product_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON product
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER lot_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lot
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER item_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON item
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
CREATE TRIGGER device_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON device
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
