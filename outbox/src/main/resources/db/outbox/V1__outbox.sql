-- The outbox lives in its own schema with its own migration history, so it never collides with
-- the owning service's migrations, whichever runs first.

CREATE TABLE event (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id           uuid        NOT NULL UNIQUE,
    topic              text        NOT NULL,
    record_key         text,
    event_type         text        NOT NULL,
    aggregate_type     text        NOT NULL,
    aggregate_id       text        NOT NULL,
    aggregate_sequence bigint      NOT NULL,
    schema_version     int         NOT NULL,
    occurred_at        timestamptz NOT NULL,
    extra_headers      jsonb,
    payload            bytea       NOT NULL,
    -- clock_timestamp(), not now(): the append time, close to the commit, for the commit-to-ack latency.
    created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    failed_at          timestamptz,
    failure_reason     text
) WITH (
    -- A queue table: vacuum early and without throttling so dead rows do not pile up under load.
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_vacuum_cost_delay = 0
);

-- What the relay reads. Published rows leave this table, so it holds only the backlog and stays small.
CREATE INDEX event_pending ON event (id) WHERE failed_at IS NULL;

-- One row per aggregate: the upsert that numbers its events also serialises its writers, so one
-- aggregate's rows are numbered, inserted and committed in the same order.
CREATE TABLE aggregate_sequence (
    aggregate_type text   NOT NULL,
    aggregate_id   text   NOT NULL,
    last_sequence  bigint NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- Rows that can never be sent stay for an operator, found without a scan.
CREATE INDEX event_set_aside ON event (id) WHERE failed_at IS NOT NULL;

-- Published events, kept for the retention (inspection, replay) and deleted in batches after it,
-- oldest ids first: rows arrive here in about id order.
-- Moving a row here on acknowledgement (one DELETE ... RETURNING into an append-only INSERT) is about
-- three times faster than updating it in place, which would also rewrite the queue's index entries.
CREATE TABLE published_event (
    id                 bigint      PRIMARY KEY,
    event_id           uuid        NOT NULL,
    topic              text        NOT NULL,
    record_key         text,
    event_type         text        NOT NULL,
    aggregate_type     text        NOT NULL,
    aggregate_id       text        NOT NULL,
    aggregate_sequence bigint      NOT NULL,
    schema_version     int         NOT NULL,
    occurred_at        timestamptz NOT NULL,
    extra_headers      jsonb,
    payload            bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    published_at       timestamptz NOT NULL
) WITH (autovacuum_vacuum_cost_delay = 0);
