package com.commercesuite.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Marks acknowledged batches published on a second connection and thread, so the relay sends the
 * next batch while the database records the last one: the drain rate becomes the slower of the two
 * instead of their sum. At most one mark is in flight.
 */
final class PublishedMarker implements AutoCloseable {

    private final DataSource dataSource;
    private final boolean keepRows;
    private final Duration networkTimeout;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("outbox-marker").daemon().factory());
    private Connection connection;
    private Future<?> inFlight;

    PublishedMarker(DataSource dataSource, boolean keepRows, Duration networkTimeout) {
        this.dataSource = dataSource;
        this.keepRows = keepRows;
        this.networkTimeout = networkTimeout;
    }

    /** Waits for the previous mark, then starts marking these rows, under the given lease only. */
    void markAsync(List<Long> ids, RelayLeadership.Lease lease) throws SQLException, InterruptedException {
        awaitMarked();
        if (ids.isEmpty()) {
            return;
        }
        inFlight = executor.submit(() -> {
            RelayQueries.markPublished(connection(), lease, ids, keepRows);
            return null;
        });
    }

    /** Returns once every submitted mark is committed; rethrows a failed one. */
    void awaitMarked() throws SQLException, InterruptedException {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            closeConnection();
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RelayLeadership.LeaseLost lost) {
                throw lost;
            }
            throw new IllegalStateException("marking published outbox rows failed", e.getCause());
        } finally {
            inFlight = null;
        }
    }

    /** After the relay lost its footing: drops whatever is in flight and the connection. */
    void abandon() {
        if (inFlight != null) {
            try {
                inFlight.get();
            } catch (ExecutionException | InterruptedException e) {
                // Unmarked rows are sent again: at least once.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            inFlight = null;
        }
        closeConnection();
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = RelayLeadership.openWithTimeout(dataSource, networkTimeout);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken: nothing left to release.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        closeConnection();
    }
}
