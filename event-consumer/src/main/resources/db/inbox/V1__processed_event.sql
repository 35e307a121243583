-- One row per event a consumer has applied, written in the transaction of the effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

create index processed_event_processed_at_idx on processed_event (processed_at);
