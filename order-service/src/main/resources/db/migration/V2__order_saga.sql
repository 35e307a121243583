-- The order saga: what was ordered, the client's idempotency key, and where the saga stands.

-- total_amount is the subtotal: unknown until the stock is reserved and the lines are priced.
alter table orders alter column total_amount drop not null;
alter table orders alter column total_amount drop default;

alter table orders
    add column idempotency_key     varchar(100),
    add column final_amount        numeric(19, 2),
    -- The step whose reply the saga waits for; null once the order is finished.
    add column awaiting_step       varchar(32),
    -- Whether each step's command was sent: a cancellation compensates every sent step, the
    -- in-flight one included (its participant may apply the command just before the compensation).
    add column stock_requested     boolean     not null default false,
    add column coupon_requested    boolean     not null default false,
    add column payment_requested   boolean     not null default false,
    add column cancellation_reason varchar(500),
    add column deadline            timestamptz,
    add column completed_at        timestamptz,
    add constraint orders_final_amount_not_negative check (final_amount >= 0),
    add constraint orders_status_known check (status in ('PENDING', 'COMPLETED', 'CANCELLED'));

-- One order per (user, key): concurrent repeats of a placement collide here and read the winner back.
create unique index orders_user_id_idempotency_key_uq on orders (user_id, idempotency_key);

-- What the timeout sweeper scans: only the pending orders, by deadline.
create index orders_pending_deadline_idx on orders (deadline) where status = 'PENDING';

create table order_lines (
    order_id   bigint         not null references orders (id),
    line_no    int            not null,
    product_id bigint         not null,
    quantity   int            not null,
    -- The price product-service reserved the stock at; null until then.
    unit_price numeric(19, 2),
    primary key (order_id, line_no),
    constraint order_lines_one_line_per_product unique (order_id, product_id),
    constraint order_lines_quantity_positive check (quantity > 0),
    constraint order_lines_unit_price_not_negative check (unit_price >= 0)
);
