package com.commercesuite.outbox;

import com.commercesuite.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * Sends a batch of outbox rows and waits for the broker's acknowledgement of each. The producer is
 * idempotent with acks=all, so one batch keeps its order per partition; it is replaced after any
 * failure, because its idempotence state does not outlive a failed delivery.
 *
 * <p>Every row goes to a partition chosen here (a key's partition as Kafka's own partitioner picks
 * it), so a failure is known per partition: a partition that takes no writes (too few in-sync
 * replicas, a deleted topic) blocks its own rows, never the others'.
 */
final class KafkaPublisher implements AutoCloseable {

    /** One partition of a topic; {@link #WHOLE_TOPIC} when the topic's partitions are unknown. */
    record Lane(String topic, int partition) {

        static final int WHOLE_TOPIC = -1;

        @Override
        public String toString() {
            return partition == WHOLE_TOPIC ? topic : topic + "-" + partition;
        }
    }

    /**
     * What became of one batch: the rows acknowledged with nothing unacknowledged before them in
     * their partition, the rows no retry can send, the partitions that took no writes (with why),
     * a failure that concerns the whole broker (then everything unsent goes again later), and whether
     * the relay's lease ran out before the batch was all handed to the producer (the rest was not sent).
     */
    record Outcome(List<PendingEvent> published, List<SetAside> setAside, Map<Lane, String> blocked,
            RuntimeException retryLater, boolean leaseEnded) {
    }

    record SetAside(PendingEvent event, String reason) {
    }

    private static final Object OK = new Object();
    private static final RuntimeException NOT_SENT = new IllegalStateException("not sent: the broker failed an earlier record");
    /** A topic's partition count is looked up again after this long: topics grow. */
    private static final long PARTITION_COUNT_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Supplier<Producer<byte[], byte[]>> producerFactory;
    private final Duration ackTimeout;
    private final Duration partitionTimeout;
    private final Consumer<PendingEvent> onAck;
    private final Map<String, PartitionCount> partitionCounts = new ConcurrentHashMap<>();
    private Producer<byte[], byte[]> producer;

    private record PartitionCount(int count, long readAtNanos) {
    }

    /**
     * @param partitionTimeout how long to go on waiting for rows that get no answer while the others
     *     of the batch are all answered: their partitions count as blocked after it
     * @param onAck called on the producer's I/O thread as each record is acknowledged: keep it cheap
     */
    KafkaPublisher(Supplier<Producer<byte[], byte[]>> producerFactory, Duration ackTimeout, Duration partitionTimeout,
            Consumer<PendingEvent> onAck) {
        this.producerFactory = producerFactory;
        this.ackTimeout = ackTimeout;
        this.partitionTimeout = partitionTimeout;
        this.onAck = onAck;
    }

    /**
     * The partition the row goes to: a key's, as Kafka's default partitioner picks it; an unkeyed
     * row's from its event id (the producer's own choice for unkeyed records sticks to one partition
     * until a batch fills, which leaves the other partitions' consumers idle at low rates; the event
     * id spreads them record by record, and a redelivered row lands where its first copy did).
     * Looks up the topic's partitions the first time (up to the producer's max.block.ms), so it
     * throws when the brokers do not know the topic.
     */
    Lane laneOf(PendingEvent event) {
        int partitions = partitionCount(event.topic());
        int partition = event.recordKey() == null
                ? Math.floorMod(event.eventId().hashCode(), partitions)
                : Utils.toPositive(Utils.murmur2(event.recordKey().getBytes(StandardCharsets.UTF_8))) % partitions;
        return new Lane(event.topic(), partition);
    }

    private int partitionCount(String topic) {
        PartitionCount known = partitionCounts.get(topic);
        if (known != null && System.nanoTime() - known.readAtNanos() < PARTITION_COUNT_TTL_NANOS) {
            return known.count();
        }
        int count = producer().partitionsFor(topic).size();
        partitionCounts.put(topic, new PartitionCount(count, System.nanoTime()));
        return count;
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = producerFactory.get();
        }
        return producer;
    }

    /**
     * Sends the batch, each record only while {@code leader} says the relay's lease holds: a relay
     * frozen in the middle of a batch sends none of the rest when it wakes after losing the lease.
     */
    Outcome publish(List<PendingEvent> batch, BooleanSupplier leader) throws InterruptedException {
        var results = new AtomicReferenceArray<Object>(batch.size());
        var lanes = new Lane[batch.size()];
        var acked = new CountDownLatch(batch.size());
        var brokerTrouble = new AtomicBoolean();
        boolean leaseEnded = false;
        Map<String, RuntimeException> unknownTopics = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            PendingEvent event = batch.get(i);
            leaseEnded = leaseEnded || !leader.getAsBoolean();
            if (brokerTrouble.get() || leaseEnded) {
                // While Kafka is unreachable every send blocks for max.block.ms: stop, the rest goes next time.
                // Once the lease ended, the rest is the next leader's.
                results.set(i, NOT_SENT);
                acked.countDown();
                continue;
            }
            int index = i;
            try {
                RuntimeException unknown = unknownTopics.get(event.topic());
                if (unknown != null) {
                    throw unknown;
                }
                lanes[i] = laneOf(event);
                producer().send(toRecord(event, lanes[i].partition()), (metadata, exception) -> {
                    if (exception == null) {
                        onAck.accept(event);
                    }
                    results.set(index, exception == null ? OK : exception);
                    acked.countDown();
                });
            } catch (RuntimeException e) {
                if (lanes[i] == null) {
                    // The brokers do not know the topic (deleted, or no metadata in time): it alone
                    // waits, unless a second topic fails the same way, which is the broker's trouble.
                    lanes[i] = new Lane(event.topic(), Lane.WHOLE_TOPIC);
                    unknownTopics.putIfAbsent(event.topic(), e);
                    if (unknownTopics.size() > 1) {
                        brokerTrouble.set(true);
                    }
                } else if (!isPermanentFor(e)) {
                    brokerTrouble.set(true);
                }
                results.set(index, e);
                acked.countDown();
            }
        }
        // No flush: it would wait for every send, a blocked partition's too; linger.ms sends them soon.
        awaitAnswers(acked);
        Outcome outcome = sort(batch, lanes, results, brokerTrouble.get());
        return leaseEnded ? new Outcome(outcome.published(), outcome.setAside(), Map.of(), null, true) : outcome;
    }

    /**
     * Waits until every row is answered, or until no answer has come for {@code partitionTimeout}
     * (the rows still unanswered wait on partitions that take no writes), or at most {@code ackTimeout}.
     */
    private void awaitAnswers(CountDownLatch answers) throws InterruptedException {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        long lastCount = answers.getCount();
        long lastProgress = System.nanoTime();
        while (!answers.await(Math.min(partitionTimeout.toMillis(), 200), TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (answers.getCount() < lastCount) {
                lastCount = answers.getCount();
                lastProgress = now;
            } else if (now - lastProgress >= partitionTimeout.toNanos() || now >= deadline) {
                return;
            }
        }
    }

    /**
     * Per partition, only the acknowledged prefix counts as published: a row after a failed or
     * unanswered one in its partition goes again (a duplicate at worst, with the same eventId), so no
     * row overtakes an earlier one of its key for good. Other partitions are not held back.
     */
    private Outcome sort(List<PendingEvent> batch, Lane[] lanes, AtomicReferenceArray<Object> results, boolean brokerTrouble) {
        var published = new ArrayList<PendingEvent>(batch.size());
        var setAside = new ArrayList<SetAside>();
        Map<Lane, String> blocked = new LinkedHashMap<>();
        Set<Lane> held = new HashSet<>();
        RuntimeException retryLater = null;
        for (int i = 0; i < batch.size(); i++) {
            Object result = results.get(i);
            if (result == NOT_SENT) {
                continue;
            }
            if (result == OK) {
                if (!held.contains(lanes[i])) {
                    published.add(batch.get(i));
                }
            } else if (isPermanentFor(result)) {
                setAside.add(new SetAside(batch.get(i), describe((Exception) result)));
            } else {
                held.add(lanes[i]);
                if (brokerTrouble) {
                    retryLater = retryLater == null ? asRuntime(result) : retryLater;
                } else {
                    blocked.putIfAbsent(lanes[i], result == null
                            ? "no acknowledgement within " + partitionTimeout.toMillis() + " ms"
                            : describe((Exception) result));
                }
            }
        }
        if (brokerTrouble && retryLater == null) {
            retryLater = NOT_SENT;
        }
        if (published.isEmpty() && !blocked.isEmpty()) {
            // No partition answered at all: that is the broker's trouble, not some partitions'.
            retryLater = new IllegalStateException("no partition took a write: " + blocked.values().iterator().next());
            blocked.clear();
        }
        if (retryLater != null || !blocked.isEmpty()) {
            // Unanswered sends are aborted with it; their rows go again.
            closeProducer();
        }
        return new Outcome(published, setAside, blocked, retryLater, false);
    }

    /** Failures that no retry can cure, and that concern this record only. */
    private static boolean isPermanentFor(Object failure) {
        return failure instanceof RecordTooLargeException
                || failure instanceof RecordBatchTooLargeException
                || failure instanceof SerializationException
                || failure instanceof InvalidTopicException
                || failure instanceof InvalidRecordException;
    }

    private static String describe(Exception failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static RuntimeException asRuntime(Object failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(String.valueOf(failure));
    }

    private ProducerRecord<byte[], byte[]> toRecord(PendingEvent event, int partition) {
        var headers = new RecordHeaders();
        Map<String, String> standard = EventHeaders.standard(event.eventId(), event.eventType(), event.aggregateType(),
                event.aggregateId(), event.aggregateSequence(), event.occurredAt(), event.schemaVersion());
        standard.forEach((name, value) -> header(headers, name, value));
        if (event.traceparent() != null) {
            header(headers, EventHeaders.TRACEPARENT, event.traceparent());
        }
        if (event.requestId() != null) {
            header(headers, EventHeaders.REQUEST_ID, event.requestId());
        }
        event.extraHeaders().forEach((name, value) -> header(headers, name, value));
        byte[] key = event.recordKey() == null ? null : event.recordKey().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(event.topic(), partition, key, event.payload(), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** After the relay lost its lease: drops the producer, aborting whatever it has not sent yet. */
    void abort() {
        closeProducer();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
