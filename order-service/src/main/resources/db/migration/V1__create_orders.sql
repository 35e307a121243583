-- An order's header; its lines and the saga's steps come in later migrations.
create table orders (
    id              bigint generated always as identity primary key,
    user_id         bigint         not null,
    status          varchar(32)    not null,
    total_amount    numeric(19, 2) not null,
    discount_amount numeric(19, 2) not null default 0,
    coupon_id       bigint,
    version         bigint         not null default 0,
    created_at      timestamptz    not null default now(),
    updated_at      timestamptz    not null default now(),
    constraint orders_total_not_negative check (total_amount >= 0),
    constraint orders_discount_not_negative check (discount_amount >= 0)
);

create index orders_user_id_created_at_idx on orders (user_id, created_at desc);
