package com.commercesuite.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves committed outbox rows into Kafka, in id order, at least once. Only the instance holding the
 * database's relay lock publishes; the others stand by and take over when it dies. A row is marked
 * published only after the broker acknowledged it, so a crash between the send and the mark means a
 * resend with the same eventId, never a loss.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelayLeadership leadership;
    private final KafkaPublisher publisher;
    private final PublishedMarker marker;
    private final RelaySignal signal;
    private final OutboxMetrics metrics;
    private final OutboxProperties properties;
    private final Clock clock;
    private volatile Thread worker;
    private volatile boolean running;
    private long lastCleanupMillis;
    /** Where the current pass over the backlog goes on; 0 starts from the beginning. */
    private long resumeAfterId;

    OutboxRelay(RelayLeadership leadership, KafkaPublisher publisher, PublishedMarker marker, RelaySignal signal,
            OutboxMetrics metrics, OutboxProperties properties, Clock clock) {
        this.leadership = leadership;
        this.publisher = publisher;
        this.marker = marker;
        this.signal = signal;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
            try {
                current.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publisher.close();
        marker.abandon();
        marker.close();
        leadership.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the data source and the web server go: a pending batch gets its chance to finish. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void run() {
        var relay = properties.relay();
        while (running) {
            try {
                Connection connection = leadership.acquire();
                if (connection == null) {
                    signal.await(relay.leaderCheckInterval());
                    continue;
                }
                if (!publishOneBatch(connection)) {
                    signal.await(relay.pollInterval());
                }
                cleanUpWhenDue(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                log.warn("Outbox relay failed, stepping down and retrying in {}: {}", relay.retryBackoff(), e.toString());
                marker.abandon();
                resumeAfterId = 0;
                leadership.close();
                if (!pause(relay.retryBackoff())) {
                    return;
                }
            }
        }
    }

    /**
     * Publishes the next batch; false when nothing was pending. While a backlog drains, the next batch
     * is read and sent while the previous one is being marked.
     */
    private boolean publishOneBatch(Connection connection) throws SQLException, InterruptedException {
        int batchSize = properties.relay().batchSize();
        if (resumeAfterId == 0) {
            // A pass from the beginning must not see rows whose mark is still in flight.
            marker.awaitMarked();
        }
        List<PendingEvent> batch = RelayQueries.fetchPending(connection, resumeAfterId, batchSize);
        // A short batch ends the pass: the next starts from the beginning again, which picks up rows
        // that committed after rows with higher ids.
        resumeAfterId = batch.size() < batchSize ? 0 : batch.getLast().id();
        if (batch.isEmpty()) {
            return false;
        }
        KafkaPublisher.Outcome outcome = publisher.publish(batch);
        marker.markAsync(outcome.published().stream().map(PendingEvent::id).toList());
        for (KafkaPublisher.SetAside aside : outcome.setAside()) {
            log.error("Outbox event {} ({} of {} {}) can never be sent and is set aside: {}",
                    aside.event().eventId(), aside.event().eventType(), aside.event().aggregateType(),
                    aside.event().aggregateId(), aside.reason());
            RelayQueries.setAside(connection, aside.event().id(), aside.reason());
            metrics.setAside();
        }
        if (outcome.retryLater() != null) {
            int unsent = batch.size() - outcome.published().size() - outcome.setAside().size();
            metrics.retriableFailure(unsent);
            log.warn("Kafka did not take {} outbox events, retrying in {}: {}",
                    unsent, properties.relay().retryBackoff(), outcome.retryLater().toString());
            resumeAfterId = 0;
            pause(properties.relay().retryBackoff());
        }
        return true;
    }

    private void cleanUpWhenDue(Connection connection) throws SQLException {
        long now = clock.millis();
        if (properties.publishedRetention().isZero() || now - lastCleanupMillis < properties.cleanupInterval().toMillis()) {
            return;
        }
        int deleted = RelayQueries.deleteExpired(connection, properties.publishedRetention(), properties.cleanupBatchSize());
        // A full batch means more is due: come back on the next turn instead of holding the loop.
        if (deleted < properties.cleanupBatchSize()) {
            lastCleanupMillis = now;
        }
        if (deleted > 0) {
            log.debug("Outbox cleanup deleted {} published rows older than {}", deleted, properties.publishedRetention());
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
