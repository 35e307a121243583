-- The idempotency record: one row per event and recipient. A delivery claims the row (PENDING)
-- before it calls the provider and turns it SENT or REJECTED, with the outcome, once the call is
-- over; a redelivered event that finds SENT or REJECTED sends nothing. A crash between the
-- provider's answer and the update leaves PENDING, and the next delivery calls the provider again
-- with the same Idempotency-Key, which the provider answers as a duplicate without sending.
create table deliveries (
    event_id            uuid          not null,
    recipient_id        bigint        not null,
    kind                varchar(50)   not null,
    status              varchar(10)   not null check (status in ('PENDING', 'SENT', 'REJECTED')),
    -- Calls to the provider that ended (failed ones included).
    attempts            integer       not null default 0,
    last_error          varchar(1000),
    -- The instance and consumer thread whose call succeeded.
    sent_by             varchar(200),
    provider_message_id varchar(200),
    first_seen_at       timestamptz   not null,
    updated_at          timestamptz   not null,
    primary key (event_id, recipient_id)
);

create index deliveries_pending on deliveries (updated_at) where status = 'PENDING';

-- What was given up on, with the reason: a message the provider kept refusing up to the last
-- delivery the share group allows, or a record no delivery can make readable (then without recipient).
create table rejected_notifications (
    id            bigint        generated always as identity primary key,
    event_id      uuid,
    recipient_id  bigint,
    kind          varchar(50),
    text          varchar(2000),
    topic         varchar(249)  not null,
    kafka_partition integer     not null,
    kafka_offset  bigint        not null,
    deliveries    integer       not null,
    reason        varchar(1000) not null,
    rejected_at   timestamptz   not null,
    unique (event_id, recipient_id)
);
