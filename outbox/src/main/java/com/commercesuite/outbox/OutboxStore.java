package com.commercesuite.outbox;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.commercesuite.tracing.TraceContext;
import java.sql.Timestamp;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The append side: writes through the caller's transaction-bound connection. */
class OutboxStore {

    private static final String NEXT_SEQUENCE = """
            INSERT INTO outbox.aggregate_sequence (aggregate_type, aggregate_id, last_sequence)
            VALUES (?, ?, 1)
            ON CONFLICT (aggregate_type, aggregate_id)
            DO UPDATE SET last_sequence = outbox.aggregate_sequence.last_sequence + 1
            RETURNING last_sequence
            """;

    private static final String INSERT = """
            INSERT INTO outbox.event (event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                                      aggregate_sequence, schema_version, occurred_at, extra_headers, payload,
                                      traceparent, request_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long nextSequence(String aggregateType, String aggregateId) {
        return jdbc.queryForObject(NEXT_SEQUENCE, Long.class, aggregateType, aggregateId);
    }

    /** @param trace the context to carry in the record's headers, or null */
    void insert(Topic topic, EventEnvelope envelope, Map<String, String> extraHeaders, TraceContext trace) {
        jdbc.update(INSERT,
                envelope.eventId(),
                topic.topicName(),
                topic.keyFor(envelope),
                envelope.eventType(),
                envelope.aggregateType(),
                envelope.aggregateId(),
                envelope.aggregateSequence(),
                envelope.schemaVersion(),
                Timestamp.from(envelope.occurredAt()),
                extraHeaders.isEmpty() ? null : EventJson.mapper().writeValueAsString(extraHeaders),
                EventJson.write(envelope),
                trace == null ? null : trace.traceparent(),
                trace == null ? null : trace.requestId());
    }
}
