-- A step's wait counts from when its command reached Kafka, not from the order's creation: an outage
-- of the broker (or the relay) must not cancel orders whose commands sat safely in the outbox.
-- deadline becomes the hard bound (placement + commerce.order.saga.hard-deadline); step_deadline is
-- set by the sweeper once the awaited command (awaited_command, its outbox event id) is delivered.
alter table orders
    add column awaited_command uuid,
    add column step_deadline   timestamptz;

-- Every order has a hard deadline, so none can wait forever: the few from before the saga had none,
-- they are overdue.
update orders set deadline = created_at where deadline is null;
alter table orders alter column deadline set not null;

-- What the sweeper scans: pending orders by step deadline (by deadline: orders_pending_deadline_idx),
-- and the pending orders whose awaited command it has not yet seen delivered.
create index orders_pending_step_deadline_idx on orders (step_deadline) where status = 'PENDING';
create index orders_awaiting_delivery_idx on orders (id) where status = 'PENDING' and step_deadline is null;
