-- The consumer's deduplication ledger: an event id is recorded in the same transaction that
-- applies the event, so a redelivered event finds its id here and is skipped.
create table processed_events (
    event_id     uuid         primary key,
    topic        varchar(249) not null,
    processed_at timestamptz  not null default now()
);
