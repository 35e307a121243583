-- The ledger: every change of a balance, append-only. Invariant, per user:
--   balances.amount = sum(CHARGE) - sum(PAYMENT) + sum(REFUND), and never below zero.
create table balance_entries (
    id              bigint generated always as identity primary key,
    user_id         bigint         not null references balances (user_id),
    kind            varchar(10)    not null,
    amount          numeric(19, 2) not null,
    balance_after   numeric(19, 2) not null,
    idempotency_key varchar(100),
    order_id        bigint,
    created_at      timestamptz    not null default now(),
    constraint balance_entries_kind check (kind in ('CHARGE', 'PAYMENT', 'REFUND')),
    constraint balance_entries_amount_positive check (amount > 0),
    constraint balance_entries_balance_after_not_negative check (balance_after >= 0),
    -- A charge is identified by the client's key, a payment or refund by its order.
    constraint balance_entries_reference check (
        (kind = 'CHARGE' and idempotency_key is not null and order_id is null)
        or (kind <> 'CHARGE' and order_id is not null and idempotency_key is null)),
    -- Nulls are distinct: these only bind the rows that carry a key or an order.
    constraint balance_entries_charge_key_unique unique (user_id, idempotency_key),
    constraint balance_entries_order_kind_unique unique (order_id, kind)
);

create index balance_entries_user_newest_first on balance_entries (user_id, id desc);

-- The saga's view of each order this service heard of: what PayOrder decided, and whether a
-- RefundOrder came. A RefundOrder for an order never paid leaves a CANCELLED tombstone, so a late
-- PayOrder for it is rejected instead of applied.
create table order_payments (
    order_id   bigint primary key,
    user_id    bigint         not null,
    amount     numeric(19, 2),
    status     varchar(10)    not null,
    reason     varchar(300),
    created_at timestamptz    not null default now(),
    updated_at timestamptz    not null default now(),
    constraint order_payments_status check (status in ('PAID', 'REJECTED', 'REFUNDED', 'CANCELLED'))
);
