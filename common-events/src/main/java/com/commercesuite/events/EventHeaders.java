package com.commercesuite.events;

/**
 * Kafka header names carried by every record, so a consumer can route, deduplicate or drop a
 * record without parsing its value. Values are UTF-8 strings.
 */
public final class EventHeaders {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String AGGREGATE_SEQUENCE = "aggregateSequence";
    public static final String OCCURRED_ON = "occurredOn";
    public static final String SCHEMA_VERSION = "schemaVersion";
    /** W3C trace context of the request that caused the event. */
    public static final String TRACEPARENT = "traceparent";
    public static final String CORRELATION_ID = "correlationId";

    private EventHeaders() {
    }
}
