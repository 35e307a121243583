package com.commercesuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What travels as the value of every Kafka record. The payload stays a JSON tree so that a
 * consumer reads it into its own view of the event; unknown fields, at either level, are ignored
 * so that a newer producer never breaks an older consumer.
 *
 * @param eventId time-ordered UUID, kept on every redelivery: the consumer's deduplication key
 * @param aggregateSequence 1, 2, 3... per aggregate, in commit order: lets a consumer drop a
 *     stale or repeated event even when the producer's own idempotence did not hold (relay
 *     restart, leader change)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(
        UUID eventId,
        String eventType,
        String aggregateType,
        String aggregateId,
        long aggregateSequence,
        Instant occurredAt,
        int schemaVersion,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a domain event: a fresh time-ordered id, its type by the naming rule, its payload as JSON. */
    public static EventEnvelope of(DomainEvent event, long aggregateSequence, Instant occurredAt) {
        return new EventEnvelope(
                EventIds.next(),
                EventTypes.of(event.getClass()),
                event.aggregateType(),
                event.aggregateId(),
                aggregateSequence,
                occurredAt,
                event.schemaVersion(),
                EventJson.mapper().valueToTree(event));
    }

    /** Reads the payload into the consumer's own record of this event. */
    public <T> T payloadAs(Class<T> type) {
        return EventJson.mapper().treeToValue(payload, type);
    }
}
