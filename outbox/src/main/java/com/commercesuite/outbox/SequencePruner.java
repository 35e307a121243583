package com.commercesuite.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code outbox.aggregate_sequence} from growing forever without ever numbering an aggregate's
 * event below one it already had. A row unused for the retention may go, in two steps on the
 * relay's autocommit connection, a cleanup turn apart:
 * <ol>
 * <li>the floor is raised to the last sequence of every row that may go. An aggregate that appends
 *     after its row went starts again above the floor ({@link OutboxStore}), so above its old numbers;
 * <li>the rows go once no transaction that began before the raise is still open: every statement
 *     that could insert a row anew then reads the raised floor (the services run in read committed,
 *     where each statement sees what committed before it). A row used again since the raise stays.
 * </ol>
 */
final class SequencePruner {

    private static final Logger log = LoggerFactory.getLogger(SequencePruner.class);

    private static final String RAISE = """
            WITH cutoff AS (SELECT clock_timestamp() - CAST(? AS interval) AS at)
            UPDATE outbox.aggregate_sequence_floor f
            SET floor = GREATEST(f.floor, COALESCE((SELECT max(s.last_sequence) FROM outbox.aggregate_sequence s, cutoff
                                                    WHERE s.used_at < cutoff.at), 0))
            FROM cutoff
            RETURNING f.floor, cutoff.at
            """;

    private static final String PRUNE = """
            DELETE FROM outbox.aggregate_sequence
            WHERE (aggregate_type, aggregate_id) IN (
                SELECT aggregate_type, aggregate_id FROM outbox.aggregate_sequence
                WHERE used_at < ? AND last_sequence <= ? LIMIT ?)
            AND used_at < ? AND last_sequence <= ?
            """;

    // The relay's role sees its own sessions' xact_start, which are the sessions that append.
    private static final String OLDER_TRANSACTIONS = """
            SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                           WHERE datname = current_database() AND xact_start < ? AND pid <> pg_backend_pid())
            """;

    private final Duration retention;
    private final Duration interval;
    private final int batchSize;
    private Raised raised;
    private long lastDoneMillis;

    /** The floor raised for the rows last used before {@code cutoff}, committed before {@code at}. */
    private record Raised(long floor, Timestamp cutoff, Timestamp at) {
    }

    SequencePruner(Duration retention, Duration interval, int batchSize) {
        this.retention = retention;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    /** One step, when one is due: raise the floor, or delete a batch of the rows under it. */
    void pruneWhenDue(Connection connection, long nowMillis) throws SQLException {
        if (retention.isZero()) {
            return;
        }
        if (raised == null) {
            if (nowMillis - lastDoneMillis >= interval.toMillis()) {
                raised = raise(connection);
            }
            return;
        }
        if (olderTransactionsOpen(connection)) {
            return;
        }
        int deleted = prune(connection);
        if (deleted > 0) {
            log.debug("Pruned {} aggregate sequences unused for {} (floor {})", deleted, retention, raised.floor());
        }
        if (deleted < batchSize) {
            raised = null;
            lastDoneMillis = nowMillis;
        }
    }

    /** A new leader starts over: the previous one's raise is not known here. */
    void reset() {
        raised = null;
    }

    private Raised raise(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement(RAISE)) {
            statement.setString(1, retention.toMillis() + " milliseconds");
            try (var rs = statement.executeQuery()) {
                rs.next();
                long floor = rs.getLong(1);
                Timestamp cutoff = rs.getTimestamp(2);
                // Read after the raise committed (autocommit): a transaction that began later sees it.
                try (var now = connection.prepareStatement("SELECT clock_timestamp()"); var at = now.executeQuery()) {
                    at.next();
                    return new Raised(floor, cutoff, at.getTimestamp(1));
                }
            }
        }
    }

    private boolean olderTransactionsOpen(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement(OLDER_TRANSACTIONS)) {
            statement.setTimestamp(1, raised.at());
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private int prune(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement(PRUNE)) {
            statement.setTimestamp(1, raised.cutoff());
            statement.setLong(2, raised.floor());
            statement.setInt(3, batchSize);
            statement.setTimestamp(4, raised.cutoff());
            statement.setLong(5, raised.floor());
            return statement.executeUpdate();
        }
    }
}
