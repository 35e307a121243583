package com.commercesuite.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One unpublished outbox row as the relay reads it; {@code traceparent} and {@code requestId} are
 * null when it was appended outside any trace context.
 */
record PendingEvent(
        long id,
        UUID eventId,
        String topic,
        String recordKey,
        String eventType,
        String aggregateType,
        String aggregateId,
        long aggregateSequence,
        int schemaVersion,
        Instant occurredAt,
        Map<String, String> extraHeaders,
        byte[] payload,
        Instant createdAt,
        String traceparent,
        String requestId) {
}
