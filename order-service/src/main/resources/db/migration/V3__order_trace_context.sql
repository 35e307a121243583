-- The trace context the order was placed under (the HTTP request's traceparent and request id), so
-- that work done later without a request, the timeout sweeper's cancellation and compensations,
-- continues the order's trace. Null for orders placed outside any context.
alter table orders
    add column traceparent varchar(55),
    add column request_id  varchar(128);
