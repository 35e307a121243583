-- The trace context of the work that appended the event (the HTTP request or consumed record being
-- handled), sent as the record's traceparent and requestId headers. Plain columns rather than
-- extra_headers: the relay reads them without parsing JSON. Nullable without a default, so adding
-- them rewrites nothing; rows appended outside any context keep them null and get no such headers.
ALTER TABLE event
    ADD COLUMN traceparent text,
    ADD COLUMN request_id  text;

-- The move to published_event names its columns: it copies these two as well.
ALTER TABLE published_event
    ADD COLUMN traceparent text,
    ADD COLUMN request_id  text;
