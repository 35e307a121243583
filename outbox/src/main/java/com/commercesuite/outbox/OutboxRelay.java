package com.commercesuite.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves committed outbox rows into Kafka, in id order per partition, at least once. A partition that
 * takes no writes holds back only its own rows, retried with a growing pause; every other partition's
 * go on. Only the instance holding the
 * database's relay lease publishes; the others stand by and take over when its process dies or its
 * lease runs out (it froze, or lost the database), see {@link RelayLeadership}. A row is marked
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
    private final SequencePruner sequences;
    private volatile Thread worker;
    private volatile boolean running;
    private long lastCleanupMillis;
    /** Where the current pass over the backlog goes on; 0 starts from the beginning. */
    private long resumeAfterId;
    /** Partitions that took no writes: their rows wait until the time given, the rest go on. */
    private final Map<KafkaPublisher.Lane, Blocked> blocked = new HashMap<>();

    private record Blocked(Instant retryAt, Duration backoff) {
    }

    OutboxRelay(RelayLeadership leadership, KafkaPublisher publisher, PublishedMarker marker, RelaySignal signal,
            OutboxMetrics metrics, OutboxProperties properties, Clock clock) {
        this.sequences = new SequencePruner(properties.sequenceRetention(), properties.sequencePruneInterval(),
                properties.cleanupBatchSize());
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
        leadership.shutdown();
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
                    // A plain wait, not the commit signal: a standby tries at its interval, not per local commit.
                    if (!pause(relay.leaderCheckInterval())) {
                        return;
                    }
                    continue;
                }
                if (!publishOneBatch(connection)) {
                    signal.await(relay.pollInterval());
                }
                cleanUpWhenDue(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RelayLeadership.LeaseLost e) {
                log.warn("Outbox relay {} stops publishing: {}", leadership.holder(), e.getMessage());
                stepDown();
            } catch (SQLException | RuntimeException e) {
                log.warn("Outbox relay failed, stepping down and retrying in {}: {}", relay.retryBackoff(), e.toString());
                stepDown();
                if (!pause(relay.retryBackoff())) {
                    return;
                }
            }
        }
    }

    /** Drops the term's state: whatever is unmarked goes again under the next leader, from the start. */
    private void stepDown() {
        publisher.abort();
        marker.abandon();
        resumeAfterId = 0;
        blocked.clear();
        metrics.blockedPartitions(0);
        sequences.reset();
        leadership.close();
    }

    /**
     * Publishes the next batch; false when nothing was pending. While a backlog drains, the next batch
     * is read and sent while the previous one is being marked.
     */
    private boolean publishOneBatch(Connection connection) throws SQLException, InterruptedException {
        int batchSize = properties.relay().batchSize();
        long started = System.nanoTime();
        if (resumeAfterId == 0) {
            // A pass from the beginning must not see rows whose mark is still in flight.
            marker.awaitMarked();
        }
        long marked = System.nanoTime();
        RelayLeadership.Lease lease = leadership.lease();
        List<PendingEvent> batch = RelayQueries.fetchPending(connection, lease, resumeAfterId, batchSize);
        long read = System.nanoTime();
        // A short batch ends the pass: the next starts from the beginning again, which picks up rows
        // that committed after rows with higher ids.
        resumeAfterId = batch.size() < batchSize ? 0 : batch.getLast().id();
        List<PendingEvent> toSend = withoutBlockedPartitions(batch);
        if (toSend.isEmpty()) {
            return batch.size() == batchSize;
        }
        KafkaPublisher.Outcome outcome = publisher.publish(toSend, leadership::isLeader);
        // Only batches with rows to send: the idle polls would drown the figures of the ones that count.
        metrics.relayPhase(OutboxMetrics.RelayPhase.AWAITING_MARK, marked - started);
        metrics.relayPhase(OutboxMetrics.RelayPhase.READING, read - marked);
        metrics.relayPhase(OutboxMetrics.RelayPhase.SENDING, System.nanoTime() - read);
        // What the broker took is marked if the lease still holds; otherwise the next leader sends it again.
        marker.markAsync(outcome.published().stream().map(PendingEvent::id).toList(), lease);
        if (outcome.leaseEnded()) {
            throw new RelayLeadership.LeaseLost("its lease (epoch " + lease.epoch() + ") ran out in the middle of a batch: "
                    + (toSend.size() - outcome.published().size()) + " of its events were left to the next leader");
        }
        for (KafkaPublisher.SetAside aside : outcome.setAside()) {
            log.error("Outbox event {} ({} of {} {}) can never be sent and is set aside: {}",
                    aside.event().eventId(), aside.event().eventType(), aside.event().aggregateType(),
                    aside.event().aggregateId(), aside.reason());
            RelayQueries.setAside(connection, aside.event().id(), aside.reason());
            metrics.setAside();
        }
        unblockAnswered(outcome.published());
        outcome.blocked().forEach(this::block);
        if (!outcome.blocked().isEmpty()) {
            // The blocked partitions' rows are behind us in this pass: start over to keep their order.
            resumeAfterId = 0;
        }
        if (outcome.retryLater() != null) {
            int unsent = toSend.size() - outcome.published().size() - outcome.setAside().size();
            metrics.retriableFailure(unsent);
            log.warn("Kafka did not take {} outbox events, retrying in {}: {}",
                    unsent, properties.relay().retryBackoff(), outcome.retryLater().toString());
            resumeAfterId = 0;
            pause(properties.relay().retryBackoff());
        }
        return true;
    }

    /** The batch without the rows of partitions that are blocked and not yet due for another try. */
    private List<PendingEvent> withoutBlockedPartitions(List<PendingEvent> batch) {
        if (blocked.isEmpty()) {
            return batch;
        }
        Instant now = clock.instant();
        List<PendingEvent> toSend = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            if (!waiting(new KafkaPublisher.Lane(event.topic(), KafkaPublisher.Lane.WHOLE_TOPIC), now)
                    && !waiting(publisher.laneOf(event), now)) {
                toSend.add(event);
            }
        }
        return toSend;
    }

    private boolean waiting(KafkaPublisher.Lane lane, Instant now) {
        Blocked entry = blocked.get(lane);
        return entry != null && now.isBefore(entry.retryAt());
    }

    private void block(KafkaPublisher.Lane lane, String reason) {
        Blocked before = blocked.get(lane);
        Duration backoff = before == null ? properties.relay().retryBackoff()
                : min(before.backoff().multipliedBy(2), properties.relay().blockedBackoffMax());
        blocked.put(lane, new Blocked(clock.instant().plus(backoff), backoff));
        metrics.blockedPartitions(blocked.size());
        log.warn("Partition {} takes no writes ({}): its outbox events wait {} and go out when it does, the other partitions' go on",
                lane, reason, backoff);
    }

    private void unblockAnswered(List<PendingEvent> published) {
        if (blocked.isEmpty()) {
            return;
        }
        for (PendingEvent event : published) {
            KafkaPublisher.Lane lane = publisher.laneOf(event);
            if (blocked.remove(lane) != null || blocked.remove(new KafkaPublisher.Lane(lane.topic(), KafkaPublisher.Lane.WHOLE_TOPIC)) != null) {
                log.info("Partition {} takes writes again: its waiting outbox events go out", lane);
                metrics.blockedPartitions(blocked.size());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void cleanUpWhenDue(Connection connection) throws SQLException {
        long now = clock.millis();
        if (now - lastCleanupMillis < properties.cleanupInterval().toMillis()) {
            return;
        }
        sequences.pruneWhenDue(connection, now);
        if (properties.publishedRetention().isZero()) {
            lastCleanupMillis = now;
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
