package com.commercesuite.outbox;

import com.commercesuite.events.EventJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/**
 * The relay side, on the leader's own connection in autocommit mode: each statement is short and
 * holds row locks only, so cleaning and marking never block the business writers. Reading a batch and
 * marking it check the relay's lease in the same statement (fencing, see {@link RelayLeadership}).
 */
final class RelayQueries {

    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    // Pending rows in id order after a given id, read only while the relay's lease holds: one row with
    // held = false and nothing else when it does not. The relay passes 0 (everything) whenever it has
    // caught up: reading only "id greater than the last seen" would skip for good a row whose
    // transaction took its id earlier but committed later.
    private static final String FETCH_PENDING = """
            SELECT lease.held, e.id, e.event_id, e.topic, e.record_key, e.event_type, e.aggregate_type, e.aggregate_id,
                   e.aggregate_sequence, e.schema_version, e.occurred_at, e.extra_headers::text, e.payload, e.created_at,
                   e.traceparent, e.request_id
            FROM (SELECT EXISTS (SELECT 1 FROM outbox.relay_lease
                                 WHERE holder = ? AND epoch = ? AND expires_at > clock_timestamp()) AS held) AS lease
            LEFT JOIN LATERAL (
                SELECT * FROM outbox.event
                WHERE lease.held AND failed_at IS NULL AND id > ?
                ORDER BY id
                LIMIT ?) AS e ON true
            """;

    // Marks only under the relay's lease: FOR SHARE makes a takeover wait until the mark is committed,
    // so a mark either commits while the lease is held or not at all. The result is whether it was.
    private static final String UNDER_LEASE = """
            WITH lease AS (SELECT 1 FROM outbox.relay_lease
                           WHERE holder = ? AND epoch = ? AND expires_at > clock_timestamp() FOR SHARE),
            """;

    private static final String MOVE_PUBLISHED = UNDER_LEASE + """
            published AS (DELETE FROM outbox.event WHERE id = ANY (?) AND EXISTS (SELECT 1 FROM lease) RETURNING *),
            moved AS (
                INSERT INTO outbox.published_event (id, event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                                                    aggregate_sequence, schema_version, occurred_at, extra_headers, payload,
                                                    created_at, published_at, traceparent, request_id)
                SELECT id, event_id, topic, record_key, event_type, aggregate_type, aggregate_id,
                       aggregate_sequence, schema_version, occurred_at, extra_headers, payload, created_at, clock_timestamp(),
                       traceparent, request_id
                FROM published)
            SELECT count(*) FROM lease
            """;
    private static final String DELETE_PUBLISHED = UNDER_LEASE + """
            deleted AS (DELETE FROM outbox.event WHERE id = ANY (?) AND EXISTS (SELECT 1 FROM lease))
            SELECT count(*) FROM lease
            """;
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

    /** Up to {@code limit} pending rows after {@code afterId}; throws {@link RelayLeadership.LeaseLost} when the lease is not held. */
    static List<PendingEvent> fetchPending(Connection connection, RelayLeadership.Lease lease, long afterId, int limit)
            throws SQLException {
        try (var statement = connection.prepareStatement(FETCH_PENDING)) {
            statement.setString(1, lease.holder());
            statement.setLong(2, lease.epoch());
            statement.setLong(3, afterId);
            statement.setInt(4, limit);
            try (ResultSet rs = statement.executeQuery()) {
                var events = new ArrayList<PendingEvent>(limit);
                while (rs.next()) {
                    if (!rs.getBoolean(1)) {
                        throw leaseLost(lease, "reading");
                    }
                    long id = rs.getLong(2);
                    if (rs.wasNull()) {
                        break;
                    }
                    String headers = rs.getString(12);
                    events.add(new PendingEvent(
                            id,
                            rs.getObject(3, UUID.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getLong(9),
                            rs.getInt(10),
                            rs.getTimestamp(11).toInstant(),
                            headers == null ? Map.of() : EventJson.mapper().readValue(headers, HEADER_MAP),
                            rs.getBytes(13),
                            rs.getTimestamp(14).toInstant(),
                            rs.getString(15),
                            rs.getString(16)));
                }
                // The lateral side comes out in its own order behind the single lease row; sorting costs
                // nothing on sorted input and does not lean on the plan.
                events.sort(Comparator.comparingLong(PendingEvent::id));
                return events;
            }
        }
    }

    private static RelayLeadership.LeaseLost leaseLost(RelayLeadership.Lease lease, String doing) {
        return new RelayLeadership.LeaseLost("the database refused " + doing + " under lease epoch " + lease.epoch()
                + ": another relay holds the lease, or it ran out");
    }

    /**
     * Moves the rows to the published table, or deletes them at once when no retention is wanted, in
     * one statement that first checks the lease; throws {@link RelayLeadership.LeaseLost} (having
     * marked nothing) when it is not held.
     */
    static void markPublished(Connection connection, RelayLeadership.Lease lease, List<Long> ids, boolean keepRows)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (var statement = connection.prepareStatement(keepRows ? MOVE_PUBLISHED : DELETE_PUBLISHED)) {
            statement.setString(1, lease.holder());
            statement.setLong(2, lease.epoch());
            statement.setArray(3, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw leaseLost(lease, "marking " + ids.size() + " published rows");
                }
            }
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
