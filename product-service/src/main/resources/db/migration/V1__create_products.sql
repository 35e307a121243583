-- stock is what is on hand; reserved is the part of it held for orders not yet completed,
-- so what can still be sold is stock - reserved.
create table products (
    id         bigint generated always as identity primary key,
    name       varchar(200)   not null,
    price      numeric(19, 2) not null,
    stock      integer        not null,
    reserved   integer        not null default 0,
    version    bigint         not null default 0,
    created_at timestamptz    not null default now(),
    updated_at timestamptz    not null default now(),
    constraint products_price_not_negative check (price >= 0),
    constraint products_stock_not_negative check (stock >= 0),
    constraint products_reserved_within_stock check (reserved >= 0 and reserved <= stock)
);
