-- A coupon campaign: a fixed discount, a limited quantity, a validity window.
-- issued_quantity is the durable count; Redis admits issuances first and this catches up.
create table coupons (
    id              bigint generated always as identity primary key,
    name            varchar(200)   not null,
    discount_amount numeric(19, 2) not null,
    total_quantity  integer        not null,
    issued_quantity integer        not null default 0,
    valid_from      timestamptz    not null,
    valid_until     timestamptz    not null,
    created_at      timestamptz    not null default now(),
    updated_at      timestamptz    not null default now(),
    constraint coupons_discount_positive check (discount_amount > 0),
    constraint coupons_total_quantity_positive check (total_quantity > 0),
    constraint coupons_issued_within_total check (issued_quantity >= 0 and issued_quantity <= total_quantity),
    constraint coupons_valid_window check (valid_until > valid_from)
);
