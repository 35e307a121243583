-- received counts every unit that ever came in (initial stock and restocks), shipped every unit that
-- left with a completed order. The same updates that move stock maintain them, so the database itself
-- refuses any change that would break: stock + shipped = received.
alter table products
    add column received integer not null default 0,
    add column shipped  integer not null default 0;

update products set received = stock + shipped;

alter table products
    add constraint products_shipped_not_negative check (shipped >= 0),
    add constraint products_stock_balances check (stock + shipped = received);

-- One row per order the saga asked about: the order id is the idempotency key of every command.
-- RESERVED holds stock; CONFIRMED shipped it; RELEASED gave it back, or is a tombstone for an order
-- cancelled before its ReserveStock arrived; REJECTED held nothing and keeps the reason for a repeat.
create table stock_reservations (
    order_id   bigint       primary key,
    status     varchar(16)  not null,
    reason     varchar(500),
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now(),
    constraint stock_reservations_status check (status in ('RESERVED', 'RELEASED', 'CONFIRMED', 'REJECTED'))
);

-- What a reservation holds, with the unit price the order is charged (the price when it was reserved).
create table stock_reservation_lines (
    order_id   bigint         not null references stock_reservations (order_id),
    product_id bigint         not null references products (id),
    quantity   integer        not null,
    unit_price numeric(19, 2) not null,
    primary key (order_id, product_id),
    constraint stock_reservation_lines_quantity_positive check (quantity > 0)
);

create index stock_reservation_lines_product on stock_reservation_lines (product_id);
