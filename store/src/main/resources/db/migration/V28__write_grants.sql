-- Who may write about whose goods: an owner organisation's grant to another organisation (a contract
-- manufacturer, a carrier) to write events and readings that count on the owner's goods, for all its
-- products (gtin NULL), one product, or one lot. Revoked, not deleted: the time a grant stopped is
-- what decides whether an event stored later still counts.
CREATE TABLE write_grant (
    id          bigserial PRIMARY KEY,
    owner_org   text NOT NULL REFERENCES organisation (id),
    grantee_org text NOT NULL REFERENCES organisation (id) CHECK (grantee_org <> owner_org),
    gtin        char(14) REFERENCES product (gtin),
    lot         text,
    granted_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    CHECK (lot IS NULL OR gtin IS NOT NULL),
    FOREIGN KEY (gtin, lot) REFERENCES lot (gtin, lot)
);
-- a journey reads the grants of its owner (all of them, or of its GTIN)
CREATE INDEX write_grant_owner_idx ON write_grant (owner_org, gtin);

-- A grant given or revoked changes which events and readings count on the owner's journeys: readers
-- keeping journeys in memory drop them all (V22's 'r' notice; grants change rarely).
CREATE TRIGGER write_grant_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON write_grant
    FOR EACH STATEMENT EXECUTE FUNCTION pt_registry_changed();
