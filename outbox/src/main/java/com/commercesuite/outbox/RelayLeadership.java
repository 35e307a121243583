package com.commercesuite.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one relay per database the publisher, with a lease: the row {@code outbox.relay_lease} names
 * the holder and an epoch, and expires {@code lease-ttl} after its last renewal, by the database's
 * clock. The leader renews it every {@code lease-renew-interval} from a thread of its own, so a batch
 * that waits on Kafka does not starve the renewal. A standby takes the lease over, raising the epoch,
 * once it has expired or the holder's working connection is gone (its process died).
 *
 * <p>Fencing: the relay reads each batch and marks rows only under the epoch it won (the statements
 * check the lease themselves, see {@link RelayQueries}), and sends each record only while the lease is
 * valid by this process's monotonic clock. That validity ends a little before the lease's expiry as the
 * database counts it, measured from before the renewal was sent, so no standby can hold the lease while
 * this process still sends. A leader frozen past its lease (a GC pause, SIGSTOP) therefore wakes up to
 * find it cannot send, read or mark anything, and steps down.
 */
final class RelayLeadership implements AutoCloseable {

    /** The term this relay won: the epoch its statements are fenced with. */
    record Lease(String holder, long epoch) {
    }

    /** This relay's lease ended: another holds it, or it ran out before it was renewed. */
    static final class LeaseLost extends RuntimeException {

        LeaseLost(String message) {
            super(message, null, false, false);
        }
    }

    /** Hooks for metrics: a term won, a term lost to expiry or another holder, a term given up. */
    interface Changes {

        Changes NONE = new Changes() {
        };

        default void acquired(long epoch) {
        }

        default void lost() {
        }

        default void released() {
        }
    }

    // Expired, or its holder's working connection is gone: pg_stat_activity shows every backend's pid
    // to any role. A live pid of another session (reused) only means waiting for the expiry.
    private static final String TAKE_OVER = """
            UPDATE outbox.relay_lease AS lease
            SET holder = ?, holder_pid = pg_backend_pid(), epoch = lease.epoch + 1,
                acquired_at = clock_timestamp(), expires_at = clock_timestamp() + CAST(? AS interval)
            FROM outbox.relay_lease AS before
            WHERE before.id = lease.id
              AND (lease.expires_at <= clock_timestamp()
                   OR NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = lease.holder_pid))
            RETURNING lease.epoch, before.holder,
                      CASE WHEN isfinite(before.expires_at)
                           THEN CAST(EXTRACT(EPOCH FROM clock_timestamp() - before.expires_at) * 1000 AS bigint) END
            """;
    // An expired lease is not renewed: its holder may only win it again, with a new epoch.
    private static final String RENEW = """
            UPDATE outbox.relay_lease SET expires_at = clock_timestamp() + CAST(? AS interval)
            WHERE holder = ? AND epoch = ? AND expires_at > clock_timestamp()
            """;
    private static final String RELEASE = """
            UPDATE outbox.relay_lease SET expires_at = clock_timestamp()
            WHERE holder = ? AND epoch = ? AND expires_at > clock_timestamp()
            """;

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

    private final DataSource dataSource;
    private final String holder;
    private final Duration ttl;
    private final Duration renewInterval;
    private final Duration networkTimeout;
    private final Changes changes;
    private final ScheduledExecutorService renewer;
    /** The relay's working connection while it leads; used by the relay thread only. */
    private Connection connection;
    /** The renewal's own connection; used by the renewal thread only. */
    private Connection renewConnection;
    private ScheduledFuture<?> renewal;
    private volatile Lease lease;
    private volatile long validUntilNanos;

    RelayLeadership(DataSource dataSource, Duration ttl, Duration renewInterval, Duration networkTimeout, Changes changes) {
        if (renewInterval.compareTo(ttl.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("commerce.outbox.relay.lease-renew-interval (" + renewInterval
                    + ") must be at most half of lease-ttl (" + ttl + "): one late renewal must not end the lease");
        }
        this.dataSource = dataSource;
        this.holder = holderId();
        this.ttl = ttl;
        this.renewInterval = renewInterval;
        this.networkTimeout = networkTimeout;
        this.changes = changes;
        this.renewer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay-lease").daemon().factory());
    }

    private static String holderId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
    }

    String holder() {
        return holder;
    }

    /**
     * Returns the leader's working connection, taking the lease first if it is free; null if another
     * relay holds it. Throws {@link LeaseLost} when this relay led and its lease ended: the caller
     * drops what it was doing and calls {@link #close()}.
     */
    Connection acquire() throws SQLException {
        if (connection != null) {
            if (isLeader()) {
                return connection;
            }
            throw new LeaseLost("the relay lease (epoch " + lease().epoch() + ") ended: it ran out before it was renewed, or another relay took it");
        }
        Connection candidate = open(networkTimeout);
        try {
            long sentAt = System.nanoTime();
            try (var statement = candidate.prepareStatement(TAKE_OVER)) {
                statement.setString(1, holder);
                statement.setString(2, ttl.toMillis() + " milliseconds");
                try (var rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        candidate.close();
                        return null;
                    }
                    long epoch = rs.getLong(1);
                    String previous = rs.getString(2);
                    long expiredMillis = rs.getLong(3);
                    lease = new Lease(holder, epoch);
                    validUntilNanos = sentAt + validity();
                    log.info("Outbox relay {} is now the publisher for this database, lease epoch {} ({})", holder, epoch,
                            previous == null ? "the first"
                                    : expiredMillis >= 0 ? "the lease of " + previous + " had ended " + expiredMillis + " ms before"
                                    : "the process of " + previous + " was gone");
                }
            }
        } catch (SQLException | RuntimeException e) {
            lease = null;
            candidate.close();
            throw e;
        }
        connection = candidate;
        changes.acquired(lease.epoch());
        renewal = renewer.scheduleWithFixedDelay(this::renew, renewInterval.toMillis(), renewInterval.toMillis(), TimeUnit.MILLISECONDS);
        return connection;
    }

    /** The term this relay won (epoch 0, which no lease has, when none). */
    Lease lease() {
        Lease current = lease;
        return current == null ? new Lease(holder, 0) : current;
    }

    /** True while this relay holds a lease that is valid by its own monotonic clock: checked before each send. */
    boolean isLeader() {
        return lease != null && System.nanoTime() - validUntilNanos < 0;
    }

    /**
     * How long the lease counts as held after a renewal was sent: its TTL less a tenth, so that a
     * record handed to the producer just before the end still leaves (after linger.ms) before the
     * lease can expire in the database.
     */
    private long validity() {
        return ttl.toNanos() - ttl.toNanos() / 10;
    }

    private void renew() {
        Lease current = lease;
        if (current == null) {
            return;
        }
        long sentAt = System.nanoTime();
        try {
            if (renewConnection == null) {
                // A renewal that takes longer than the lease is worthless: give up on the connection instead.
                renewConnection = open(ttl.compareTo(networkTimeout) < 0 ? ttl : networkTimeout);
            }
            int renewed;
            try (var statement = renewConnection.prepareStatement(RENEW)) {
                statement.setString(1, ttl.toMillis() + " milliseconds");
                statement.setString(2, current.holder());
                statement.setLong(3, current.epoch());
                renewed = statement.executeUpdate();
            }
            if (renewed == 1) {
                if (lease == current) {
                    validUntilNanos = sentAt + validity();
                }
                return;
            }
            lost(current, "another relay holds it now, or it ran out before this renewal");
        } catch (SQLException | RuntimeException e) {
            // The lease still runs out by itself: the relay stops sending when it does.
            log.warn("Renewing the outbox relay lease (epoch {}) failed, retrying in {}: {}", current.epoch(), renewInterval, e.toString());
            closeRenewConnection();
        }
    }

    private synchronized void lost(Lease current, String why) {
        if (lease != current) {
            return;
        }
        validUntilNanos = System.nanoTime();
        log.warn("Outbox relay {} lost the relay lease (epoch {}): {}; it publishes nothing more unless it wins the lease again",
                holder, current.epoch(), why);
        changes.lost();
    }

    /**
     * Gives up the lease, if still held, so a standby takes over at its next check, and the working
     * connection; safe to call when not leader. Called by the relay thread.
     */
    @Override
    public synchronized void close() {
        if (renewal != null) {
            renewal.cancel(false);
            renewal = null;
        }
        if (!renewer.isShutdown()) {
            renewer.execute(this::closeRenewConnection);
        }
        Lease current = lease;
        lease = null;
        if (connection == null) {
            return;
        }
        boolean released = false;
        try (var held = connection) {
            if (current != null && !held.isClosed()) {
                try (var statement = held.prepareStatement(RELEASE)) {
                    statement.setString(1, current.holder());
                    statement.setLong(2, current.epoch());
                    released = statement.executeUpdate() == 1;
                }
            }
        } catch (SQLException e) {
            // The lease runs out by itself, or ended already with the connection's session.
            log.debug("Releasing the relay lease failed; it runs out by itself", e);
        } finally {
            connection = null;
            if (released) {
                changes.released();
            }
            log.info("Outbox relay {} stepped down as publisher{}", holder, released ? ", releasing its lease" : "");
        }
    }

    /** Stops the renewal thread for good. */
    void shutdown() {
        close();
        renewer.shutdown();
    }

    /**
     * A pooled connection with a socket timeout: a connection whose peer vanished without a reset would
     * otherwise hang a read until the kernel gives up (hours). The pool resets it when it gets the
     * connection back.
     */
    private Connection open(Duration socketTimeout) throws SQLException {
        return openWithTimeout(dataSource, socketTimeout);
    }

    static Connection openWithTimeout(DataSource dataSource, Duration socketTimeout) throws SQLException {
        Connection opened = dataSource.getConnection();
        try {
            opened.setAutoCommit(true);
            opened.setNetworkTimeout(Runnable::run, Math.toIntExact(socketTimeout.toMillis()));
            return opened;
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private void closeRenewConnection() {
        if (renewConnection != null) {
            try {
                renewConnection.close();
            } catch (SQLException ignored) {
                // Already broken: nothing left to release.
            }
            renewConnection = null;
        }
    }
}
