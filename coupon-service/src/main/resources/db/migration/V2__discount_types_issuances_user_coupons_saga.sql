-- Discounts are FIXED (an amount) or PERCENTAGE (1..100 of the order amount): discount_amount becomes
-- discount_value, read according to discount_type. Existing rows were fixed amounts.
alter table coupons rename column discount_amount to discount_value;
alter table coupons rename constraint coupons_discount_positive to coupons_discount_value_positive;
alter table coupons add column discount_type varchar(10) not null default 'FIXED';
alter table coupons alter column discount_type drop default;
alter table coupons add constraint coupons_discount_type_known check (discount_type in ('FIXED', 'PERCENTAGE'));
alter table coupons add constraint coupons_percentage_1_to_100
    check (discount_type <> 'PERCENTAGE' or discount_value between 1 and 100);
-- issued_quantity now moves in the issuance transaction (count of coupon_issuances); the V1 check
-- (issued_quantity <= total_quantity) makes PostgreSQL the last word on "never more than the quantity".

-- One row per admission that reached PostgreSQL: written with the coupon-issue event in one transaction.
create table coupon_issuances (
    coupon_id   bigint      not null references coupons (id),
    user_id     bigint      not null,
    admitted_at timestamptz not null,
    recorded_at timestamptz not null default now(),
    primary key (coupon_id, user_id)
);

-- The users' wallets, built by the coupon-issue consumer; the saga marks coupons used and restores them.
create table user_coupons (
    coupon_id        bigint      not null references coupons (id),
    user_id          bigint      not null,
    status           varchar(10) not null,
    used_by_order_id bigint,
    received_at      timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (coupon_id, user_id),
    constraint user_coupons_status_known check (status in ('AVAILABLE', 'USED')),
    constraint user_coupons_used_has_order check ((status = 'USED') = (used_by_order_id is not null))
);
create index user_coupons_by_user on user_coupons (user_id, coupon_id);

-- The saga's memory per order: what UseCoupon answered, or that RestoreCoupon came (tombstone), so a
-- repeated command answers the same and a late UseCoupon after its compensation is refused.
create table coupon_order_outcomes (
    order_id   bigint primary key,
    coupon_id  bigint      not null,
    user_id    bigint      not null,
    outcome    varchar(10) not null,
    discount   numeric(19, 2),
    reason     varchar(500),
    updated_at timestamptz not null default now(),
    constraint coupon_order_outcomes_known check (outcome in ('USED', 'REJECTED', 'RESTORED')),
    constraint coupon_order_outcomes_used_has_discount check (outcome <> 'USED' or discount is not null)
);
