-- One row per user; amount never goes below zero, the database refuses an overdraft.
create table balances (
    user_id    bigint         primary key,
    amount     numeric(19, 2) not null default 0,
    version    bigint         not null default 0,
    created_at timestamptz    not null default now(),
    updated_at timestamptz    not null default now(),
    constraint balances_amount_not_negative check (amount >= 0)
);
