-- One row per user action seen on user-activity (ORDER_PLACED, COUPON_RECEIVED, USER_CHARGED_BALANCE,
-- and whatever type a producer adds later), written once per event id (the inbox records the id in
-- the same transaction). occurred_at is event time; recorded_at is arrival time.
create table user_activity_facts (
    event_id    uuid         primary key,
    user_id     bigint       not null,
    event_type  varchar(100) not null,
    occurred_at timestamptz  not null,
    recorded_at timestamptz  not null default now()
);

create index user_activity_facts_user_time on user_activity_facts (user_id, occurred_at);
