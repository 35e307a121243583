package com.commercesuite.outbox;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.commercesuite.tracing.TraceContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The append side: writes through the caller's transaction-bound connection. */
class OutboxStore {

    /**
     * Reserves {@code n} numbers for each aggregate in one statement and returns the last of each.
     * Ordered by aggregate so that writers touching several aggregates lock their rows in one order.
     */
    private static final String RESERVE_SEQUENCES = """
            INSERT INTO outbox.aggregate_sequence AS s (aggregate_type, aggregate_id, last_sequence)
            SELECT t, i, (SELECT floor FROM outbox.aggregate_sequence_floor) + n
            FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u(t, i, n) ORDER BY t, i
            ON CONFLICT (aggregate_type, aggregate_id)
            DO UPDATE SET last_sequence = s.last_sequence + EXCLUDED.last_sequence
                              - (SELECT floor FROM outbox.aggregate_sequence_floor),
                          used_at = now()
            RETURNING aggregate_type, aggregate_id, last_sequence
            """;

    /** The same for one aggregate, without arrays: what nearly every business transaction needs. */
    private static final String RESERVE_SEQUENCE = """
            INSERT INTO outbox.aggregate_sequence AS s (aggregate_type, aggregate_id, last_sequence)
            VALUES (?, ?, (SELECT floor FROM outbox.aggregate_sequence_floor) + ?)
            ON CONFLICT (aggregate_type, aggregate_id)
            DO UPDATE SET last_sequence = s.last_sequence + EXCLUDED.last_sequence
                              - (SELECT floor FROM outbox.aggregate_sequence_floor),
                          used_at = now()
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

    /** An aggregate whose next events are being numbered. */
    record Aggregate(String type, String id) {
    }

    /**
     * Takes {@code count} consecutive numbers of each aggregate's sequence.
     *
     * @return the first number taken, per aggregate
     */
    Map<Aggregate, Long> reserveSequences(Map<Aggregate, Integer> counts) {
        if (counts.size() == 1) {
            var only = counts.entrySet().iterator().next();
            Long last = jdbc.queryForObject(RESERVE_SEQUENCE, Long.class, only.getKey().type(), only.getKey().id(), only.getValue());
            return Map.of(only.getKey(), last - only.getValue() + 1);
        }
        var types = new ArrayList<String>(counts.size());
        var ids = new ArrayList<String>(counts.size());
        var ns = new ArrayList<Long>(counts.size());
        counts.forEach((aggregate, n) -> {
            types.add(aggregate.type());
            ids.add(aggregate.id());
            ns.add((long) n);
        });
        Map<Aggregate, Long> first = new HashMap<>(counts.size() * 2);
        jdbc.query(RESERVE_SEQUENCES, rs -> {
            var aggregate = new Aggregate(rs.getString(1), rs.getString(2));
            first.put(aggregate, rs.getLong(3) - counts.get(aggregate) + 1);
        }, types.toArray(String[]::new), ids.toArray(String[]::new), ns.toArray(Long[]::new));
        return first;
    }

    /** A row to write: the envelope, where it goes and what travels with it. */
    record Row(Topic topic, EventEnvelope envelope, Map<String, String> extraHeaders, TraceContext trace) {

        /** The same row with its place in its aggregate's sequence. */
        Row numbered(long aggregateSequence) {
            EventEnvelope e = envelope;
            return new Row(topic, new EventEnvelope(e.eventId(), e.eventType(), e.aggregateType(), e.aggregateId(),
                    aggregateSequence, e.occurredAt(), e.schemaVersion(), e.payload()), extraHeaders, trace);
        }
    }

    /** Writes the rows in one JDBC batch (one round trip); a single row as a plain statement. */
    void insert(List<Row> rows) {
        if (rows.size() == 1) {
            jdbc.update(INSERT, statement -> setValues(statement, rows.getFirst()));
            return;
        }
        jdbc.batchUpdate(INSERT, rows, rows.size(), OutboxStore::setValues);
    }

    private static void setValues(PreparedStatement statement, Row row) throws SQLException {
        EventEnvelope envelope = row.envelope();
        statement.setObject(1, envelope.eventId());
        statement.setString(2, row.topic().topicName());
        statement.setString(3, row.topic().keyFor(envelope));
        statement.setString(4, envelope.eventType());
        statement.setString(5, envelope.aggregateType());
        statement.setString(6, envelope.aggregateId());
        statement.setLong(7, envelope.aggregateSequence());
        statement.setInt(8, envelope.schemaVersion());
        statement.setTimestamp(9, Timestamp.from(envelope.occurredAt()));
        statement.setString(10, row.extraHeaders().isEmpty() ? null : EventJson.mapper().writeValueAsString(row.extraHeaders()));
        statement.setBytes(11, EventJson.write(envelope));
        statement.setString(12, row.trace() == null ? null : row.trace().traceparent());
        statement.setString(13, row.trace() == null ? null : row.trace().requestId());
    }
}
