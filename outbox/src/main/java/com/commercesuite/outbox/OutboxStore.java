package com.commercesuite.outbox;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.commercesuite.tracing.TraceContext;
import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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

    /**
     * The rows in one statement, from one array per column: one execution on the server whatever
     * their number, where a JDBC batch would execute once per row. Inserted in the arrays' order, so
     * that ids follow the order of the entries.
     */
    private static final String INSERT = """
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

    /** A column of {@link #INSERT}: its array's element type, in SQL and in Java, and its value in a row. */
    private record Column(String sqlType, Class<?> javaType, Function<Row, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("uuid", UUID.class, row -> row.envelope().eventId()),
            new Column("text", String.class, row -> row.topic().topicName()),
            new Column("text", String.class, row -> row.topic().keyFor(row.envelope())),
            new Column("text", String.class, row -> row.envelope().eventType()),
            new Column("text", String.class, row -> row.envelope().aggregateType()),
            new Column("text", String.class, row -> row.envelope().aggregateId()),
            new Column("bigint", Long.class, row -> row.envelope().aggregateSequence()),
            new Column("int", Integer.class, row -> row.envelope().schemaVersion()),
            new Column("timestamptz", Timestamp.class, row -> Timestamp.from(row.envelope().occurredAt())),
            new Column("text", String.class, row -> row.extraHeaders().isEmpty() ? null
                    : EventJson.mapper().writeValueAsString(row.extraHeaders())),
            new Column("bytea", byte[].class, row -> EventJson.write(row.envelope())),
            new Column("text", String.class, row -> row.trace() == null ? null : row.trace().traceparent()),
            new Column("text", String.class, row -> row.trace() == null ? null : row.trace().requestId()));

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
        List<Object[]> columns = new ArrayList<>(COLUMNS.size());
        for (Column column : COLUMNS) {
            // Typed arrays: the driver encodes an array by its element class (byte[][] as bytea[]).
            Object[] values = (Object[]) Array.newInstance(column.javaType(), rows.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(rows.get(i));
            }
            columns.add(values);
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT);
            for (int c = 0; c < COLUMNS.size(); c++) {
                statement.setArray(c + 1, connection.createArrayOf(COLUMNS.get(c).sqlType(), columns.get(c)));
            }
            return statement;
        });
    }
}
