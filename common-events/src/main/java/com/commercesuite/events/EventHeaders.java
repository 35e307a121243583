package com.commercesuite.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

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
    /** W3C trace context of the work that appended the event (absent when there was none). */
    public static final String TRACEPARENT = "traceparent";
    /** Request id of the HTTP call the event follows from, carried from service to service (absent when none). */
    public static final String REQUEST_ID = "requestId";

    private EventHeaders() {
    }

    /** The headers every record carries, in a fixed order, computed from the envelope's fields. */
    public static Map<String, String> standard(EventEnvelope event) {
        return standard(event.eventId(), event.eventType(), event.aggregateType(), event.aggregateId(),
                event.aggregateSequence(), event.occurredAt(), event.schemaVersion());
    }

    /** The same, for a publisher that holds the fields but not the parsed envelope (the outbox relay). */
    public static Map<String, String> standard(UUID eventId, String eventType, String aggregateType, String aggregateId,
            long aggregateSequence, Instant occurredAt, int schemaVersion) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(EVENT_ID, eventId.toString());
        headers.put(EVENT_TYPE, eventType);
        headers.put(AGGREGATE_TYPE, aggregateType);
        headers.put(AGGREGATE_ID, aggregateId);
        headers.put(AGGREGATE_SEQUENCE, Long.toString(aggregateSequence));
        headers.put(OCCURRED_ON, occurredAt.toString());
        headers.put(SCHEMA_VERSION, Integer.toString(schemaVersion));
        return headers;
    }

    /**
     * The text of the last header of that name, or null when there is none (or it has no value).
     * The last, as Kafka keeps every header added and a later one replaces an earlier one's meaning.
     */
    public static String value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
