-- The data platform's own view of completed orders, written once per event (see processed_events).
-- completed_at is event time: an order counts in the day it completed, whenever its event arrives.
create table order_facts (
    order_id        bigint         primary key,
    user_id         bigint         not null,
    discount        numeric(19, 2) not null default 0,
    final_amount    numeric(19, 2) not null,
    completed_at    timestamptz    not null,
    event_id        uuid           not null,
    recorded_at     timestamptz    not null default now()
);

create index order_facts_completed_at on order_facts (completed_at);
create index order_facts_user_id on order_facts (user_id);

create table order_line_facts (
    order_id   bigint         not null references order_facts (order_id),
    line_no    integer        not null,
    product_id bigint         not null,
    quantity   integer        not null,
    unit_price numeric(19, 2) not null,
    primary key (order_id, line_no)
);

create index order_line_facts_product_id on order_line_facts (product_id);
