-- Processed event ids now live in the shared inbox (schema inbox, table processed_event, consumer
-- 'order-completed-facts'), written by the event-consumer library in the same transaction.
drop table processed_events;
