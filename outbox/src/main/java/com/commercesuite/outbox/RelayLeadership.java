package com.commercesuite.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one relay per database the publisher: a session-level PostgreSQL advisory lock, held by the
 * connection the relay works on. When the holder's process dies its session ends, the lock goes with
 * it, and a standby instance takes it on its next try.
 */
final class RelayLeadership implements AutoCloseable {

    /** Advisory locks are per database, and each service owns its database: one constant key suffices. */
    static final long LOCK_KEY = 0x0C0_5E1A_7L;

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

    private final DataSource dataSource;
    private Connection connection;

    RelayLeadership(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns the leader's connection, taking the lock first if this instance does not hold it; null if another does. */
    Connection acquire() throws SQLException {
        if (connection != null) {
            return connection;
        }
        Connection candidate = dataSource.getConnection();
        try {
            candidate.setAutoCommit(true);
            boolean locked;
            try (var statement = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, LOCK_KEY);
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (!locked) {
                candidate.close();
                return null;
            }
        } catch (SQLException e) {
            candidate.close();
            throw e;
        }
        connection = candidate;
        log.info("Outbox relay is now the publisher for this database");
        return connection;
    }

    boolean isLeader() {
        return connection != null;
    }

    /** Gives up the lock, for example after the connection failed; safe to call when not leader. */
    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try (var held = connection) {
            if (!held.isClosed()) {
                try (var statement = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    statement.setLong(1, LOCK_KEY);
                    statement.execute();
                }
            }
        } catch (SQLException e) {
            // The session is gone, and its lock with it.
            log.debug("Releasing the relay lock failed; the session ended anyway", e);
        } finally {
            connection = null;
            log.info("Outbox relay stepped down as publisher");
        }
    }
}
