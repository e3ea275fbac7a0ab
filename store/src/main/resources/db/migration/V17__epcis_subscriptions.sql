-- EPCIS 2.0 named queries and webhook subscriptions (GS1 REST bindings: /queries, /queries/{name}/subscriptions).

-- The transaction that stored each event. Delivery reads events in (commit_tx, id) order and only below the
-- oldest transaction still running (pg_snapshot_xmin), so an event whose transaction commits late is never
-- skipped: ids come from a sequence and commit out of order, transaction ids below that horizon do not.
-- Added without a default first, then given one, so existing rows are not rewritten (they stay NULL: they
-- were stored before any subscription existed).
ALTER TABLE epcis_event ADD COLUMN commit_tx xid8;
ALTER TABLE epcis_event ALTER COLUMN commit_tx SET DEFAULT pg_current_xact_id();
CREATE INDEX epcis_event_commit_tx_idx ON epcis_event (commit_tx, id) WHERE commit_tx IS NOT NULL;

-- A named query belongs to a scope: 'org:<id>' for a company's, 'regulator' for regulators'. Names are
-- unique within a scope, so one organisation cannot see or block another's names.
CREATE TABLE epcis_named_query (
    scope       text NOT NULL,
    name        text NOT NULL,
    query       jsonb NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, name)
);

-- One webhook subscription to a named query. only_org limits what it receives to that organisation's
-- events (a company's subscription); NULL receives all (a regulator's). The cursor is the last event
-- position handed to the outbox; leased_until lets one server at a time work on a subscription.
CREATE TABLE epcis_subscription (
    id                  text PRIMARY KEY,
    scope               text NOT NULL,
    query_name          text NOT NULL,
    only_org            text,
    dest                text NOT NULL,
    signature_token     text,
    report_if_empty     boolean NOT NULL DEFAULT false,
    stream              boolean NOT NULL,
    schedule            jsonb,
    initial_record_time timestamptz,
    cursor_tx           xid8 NOT NULL,
    cursor_id           bigint NOT NULL,
    next_run_at         timestamptz,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    last_notified_at    timestamptz,
    leased_until        timestamptz,
    FOREIGN KEY (scope, query_name) REFERENCES epcis_named_query (scope, name) ON DELETE CASCADE,
    CHECK (stream <> (schedule IS NOT NULL))
);
CREATE INDEX epcis_subscription_query_idx ON epcis_subscription (scope, query_name);
CREATE INDEX epcis_subscription_lease_idx ON epcis_subscription (leased_until);

-- The outbox: query documents waiting for their receiver, sent oldest first, one at a time per
-- subscription, deleted once the receiver answered 2xx.
CREATE TABLE epcis_subscription_delivery (
    id               bigserial PRIMARY KEY,
    subscription_id  text NOT NULL REFERENCES epcis_subscription (id) ON DELETE CASCADE,
    body             text NOT NULL,
    event_count      integer NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX epcis_subscription_delivery_sub_idx ON epcis_subscription_delivery (subscription_id, id);
