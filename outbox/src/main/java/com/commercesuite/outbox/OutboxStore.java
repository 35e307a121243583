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

    /**
     * The same for many rows in one statement, from one array per column: one execution on the
     * server instead of one per row, as a JDBC batch would. Numbered in the arrays' order, so that
     * ids follow the order of the entries.
     */
    private static final String INSERT_ALL = """
            INSERT INTO outbox.event (event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                                      aggregate_sequence, schema_version, occurred_at, extra_headers, payload,
                                      traceparent, request_id)
            SELECT event_id, topic, record_key, event_type, aggregate_type, aggregate_id, aggregate_sequence,
                   schema_version, occurred_at, extra_headers, payload, traceparent, request_id
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[],
                        ?::timestamptz[], CAST(?::text[] AS jsonb[]), ?::bytea[], ?::text[], ?::text[])
                 WITH ORDINALITY AS r(event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                                      aggregate_sequence, schema_version, occurred_at, extra_headers, payload,
                                      traceparent, request_id, n)
            ORDER BY n
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

    /** Writes the rows in one statement. */
    void insert(List<Row> rows) {
        if (rows.size() == 1) {
            jdbc.update(INSERT, statement -> setValues(statement, rows.getFirst()));
            return;
        }
        int n = rows.size();
        Object[] eventIds = new Object[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] aggregateTypes = new String[n];
        String[] aggregateIds = new String[n];
        Long[] sequences = new Long[n];
        Integer[] versions = new Integer[n];
        Timestamp[] occurredAt = new Timestamp[n];
        String[] headers = new String[n];
        byte[][] payloads = new byte[n][];
        String[] traceparents = new String[n];
        String[] requestIds = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            EventEnvelope envelope = row.envelope();
            eventIds[i] = envelope.eventId();
            topics[i] = row.topic().topicName();
            keys[i] = row.topic().keyFor(envelope);
            types[i] = envelope.eventType();
            aggregateTypes[i] = envelope.aggregateType();
            aggregateIds[i] = envelope.aggregateId();
            sequences[i] = envelope.aggregateSequence();
            versions[i] = envelope.schemaVersion();
            occurredAt[i] = Timestamp.from(envelope.occurredAt());
            headers[i] = headersJson(row);
            payloads[i] = EventJson.write(envelope);
            traceparents[i] = row.trace() == null ? null : row.trace().traceparent();
            requestIds[i] = row.trace() == null ? null : row.trace().requestId();
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT_ALL);
            statement.setArray(1, connection.createArrayOf("uuid", eventIds));
            statement.setArray(2, connection.createArrayOf("text", topics));
            statement.setArray(3, connection.createArrayOf("text", keys));
            statement.setArray(4, connection.createArrayOf("text", types));
            statement.setArray(5, connection.createArrayOf("text", aggregateTypes));
            statement.setArray(6, connection.createArrayOf("text", aggregateIds));
            statement.setArray(7, connection.createArrayOf("bigint", sequences));
            statement.setArray(8, connection.createArrayOf("int", versions));
            statement.setArray(9, connection.createArrayOf("timestamptz", occurredAt));
            statement.setArray(10, connection.createArrayOf("text", headers));
            statement.setArray(11, connection.createArrayOf("bytea", payloads));
            statement.setArray(12, connection.createArrayOf("text", traceparents));
            statement.setArray(13, connection.createArrayOf("text", requestIds));
            return statement;
        });
    }

    private static String headersJson(Row row) {
        return row.extraHeaders().isEmpty() ? null : EventJson.mapper().writeValueAsString(row.extraHeaders());
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
        statement.setString(10, headersJson(row));
        statement.setBytes(11, EventJson.write(envelope));
        statement.setString(12, row.trace() == null ? null : row.trace().traceparent());
        statement.setString(13, row.trace() == null ? null : row.trace().requestId());
    }
}
