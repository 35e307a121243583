package com.commercesuite.outbox;

import com.commercesuite.events.EventJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/**
 * The relay side, on the leader's own connection in autocommit mode: each statement is short and
 * holds row locks only, so cleaning and marking never block the business writers.
 */
final class RelayQueries {

    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    // Pending rows in id order after a given id. The relay passes 0 (everything) whenever it has
    // caught up: reading only "id greater than the last seen" would skip for good a row whose
    // transaction took its id earlier but committed later.
    private static final String FETCH_PENDING = """
            SELECT id, event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                   aggregate_sequence, schema_version, occurred_at, extra_headers::text, payload, created_at,
                   traceparent, request_id
            FROM outbox.event
            WHERE failed_at IS NULL AND id > ?
            ORDER BY id
            LIMIT ?
            """;

    private static final String MOVE_PUBLISHED = """
            WITH published AS (DELETE FROM outbox.event WHERE id = ANY (?) RETURNING *)
            INSERT INTO outbox.published_event (id, event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                                                aggregate_sequence, schema_version, occurred_at, extra_headers, payload,
                                                created_at, published_at, traceparent, request_id)
            SELECT id, event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                   aggregate_sequence, schema_version, occurred_at, extra_headers, payload, created_at, clock_timestamp(),
                   traceparent, request_id
            FROM published
            """;
    private static final String DELETE_PUBLISHED = "DELETE FROM outbox.event WHERE id = ANY (?)";
    private static final String SET_ASIDE = "UPDATE outbox.event SET failed_at = clock_timestamp(), failure_reason = ? WHERE id = ?";

    // One bounded batch per call, oldest ids first: an index range scan however large the table,
    // never a scan for "published_at < cutoff" across everything retained.
    private static final String DELETE_EXPIRED = """
            DELETE FROM outbox.published_event WHERE id IN (
                SELECT id FROM outbox.published_event ORDER BY id LIMIT ?)
            AND published_at < clock_timestamp() - CAST(? AS interval)
            """;

    private RelayQueries() {
    }

    static List<PendingEvent> fetchPending(Connection connection, long afterId, int limit) throws SQLException {
        try (var statement = connection.prepareStatement(FETCH_PENDING)) {
            statement.setLong(1, afterId);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                var events = new ArrayList<PendingEvent>(limit);
                while (rs.next()) {
                    String headers = rs.getString(11);
                    events.add(new PendingEvent(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getLong(8),
                            rs.getInt(9),
                            rs.getTimestamp(10).toInstant(),
                            headers == null ? Map.of() : EventJson.mapper().readValue(headers, HEADER_MAP),
                            rs.getBytes(12),
                            rs.getTimestamp(13).toInstant(),
                            rs.getString(14),
                            rs.getString(15)));
                }
                return events;
            }
        }
    }

    /** Moves the rows to the published table, or deletes them at once when no retention is wanted. */
    static void markPublished(Connection connection, List<Long> ids, boolean keepRows) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (var statement = connection.prepareStatement(keepRows ? MOVE_PUBLISHED : DELETE_PUBLISHED)) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            statement.executeUpdate();
        }
    }

    static void setAside(Connection connection, long id, String reason) throws SQLException {
        try (var statement = connection.prepareStatement(SET_ASIDE)) {
            statement.setString(1, reason);
            statement.setLong(2, id);
            statement.executeUpdate();
        }
    }

    /** Deletes one batch of published rows older than the retention; returns how many. */
    static int deleteExpired(Connection connection, Duration retention, int batchSize) throws SQLException {
        try (var statement = connection.prepareStatement(DELETE_EXPIRED)) {
            statement.setInt(1, batchSize);
            statement.setString(2, retention.toMillis() + " milliseconds");
            return statement.executeUpdate();
        }
    }
}
