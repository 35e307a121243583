package com.commercesuite.outbox;

import com.commercesuite.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
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

/**
 * Sends a batch of outbox rows and waits for the broker's acknowledgement of each. The producer is
 * idempotent with acks=all, so one batch keeps its order per partition; it is replaced after any
 * failure, because its idempotence state does not outlive a failed delivery.
 */
final class KafkaPublisher implements AutoCloseable {

    /** What became of one batch. */
    record Outcome(List<PendingEvent> published, List<SetAside> setAside, RuntimeException retryLater) {
    }

    record SetAside(PendingEvent event, String reason) {
    }

    private static final Object OK = new Object();
    private static final RuntimeException NOT_SENT = new IllegalStateException("not sent: the broker failed an earlier record");

    private final Supplier<Producer<byte[], byte[]>> producerFactory;
    private final Duration ackTimeout;
    private final Consumer<PendingEvent> onAck;
    private Producer<byte[], byte[]> producer;

    /** @param onAck called on the producer's I/O thread as each record is acknowledged: keep it cheap */
    KafkaPublisher(Supplier<Producer<byte[], byte[]>> producerFactory, Duration ackTimeout, Consumer<PendingEvent> onAck) {
        this.producerFactory = producerFactory;
        this.ackTimeout = ackTimeout;
        this.onAck = onAck;
    }

    Outcome publish(List<PendingEvent> batch) throws InterruptedException {
        if (producer == null) {
            producer = producerFactory.get();
        }
        var results = new AtomicReferenceArray<Object>(batch.size());
        var acked = new CountDownLatch(batch.size());
        var brokerTrouble = new AtomicBoolean();
        for (int i = 0; i < batch.size(); i++) {
            if (brokerTrouble.get()) {
                // While Kafka is unreachable every send blocks for max.block.ms: stop, the rest goes next time.
                results.set(i, NOT_SENT);
                acked.countDown();
                continue;
            }
            int index = i;
            PendingEvent event = batch.get(i);
            try {
                producer.send(toRecord(event), (metadata, exception) -> {
                    if (exception == null) {
                        onAck.accept(event);
                    } else if (!isPermanentFor(exception)) {
                        brokerTrouble.set(true);
                    }
                    results.set(index, exception == null ? OK : exception);
                    acked.countDown();
                });
            } catch (RuntimeException e) {
                if (!isPermanentFor(e)) {
                    brokerTrouble.set(true);
                }
                results.set(index, e);
                acked.countDown();
            }
        }
        producer.flush();
        if (!acked.await(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return fail(new TimeoutException("no acknowledgement within " + ackTimeout));
        }
        return sort(batch, results);
    }

    /**
     * Only the acknowledged prefix counts as published: a row after a retriable failure goes again
     * (a duplicate at worst, with the same eventId), so no row overtakes an earlier one for good.
     */
    private Outcome sort(List<PendingEvent> batch, AtomicReferenceArray<Object> results) {
        var published = new ArrayList<PendingEvent>(batch.size());
        var setAside = new ArrayList<SetAside>();
        for (int i = 0; i < batch.size(); i++) {
            Object result = results.get(i);
            if (result == OK) {
                published.add(batch.get(i));
            } else if (isPermanentFor(result)) {
                setAside.add(new SetAside(batch.get(i), describe((Exception) result)));
            } else {
                closeProducer();
                return new Outcome(published, setAside, asRuntime(result));
            }
        }
        return new Outcome(published, setAside, null);
    }

    private Outcome fail(RuntimeException cause) {
        closeProducer();
        return new Outcome(List.of(), List.of(), cause);
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

    private ProducerRecord<byte[], byte[]> toRecord(PendingEvent event) {
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
        if (event.recordKey() == null) {
            return new ProducerRecord<>(event.topic(), spreadPartition(event), (byte[]) null, event.payload(), headers);
        }
        return new ProducerRecord<>(event.topic(), null, event.recordKey().getBytes(StandardCharsets.UTF_8),
                event.payload(), headers);
    }

    /**
     * An unkeyed event's partition, from its event id: the producer's own choice for unkeyed
     * records sticks to one partition until a batch fills (hundreds of records), which leaves the
     * other partitions' consumers idle at low rates. The event id spreads them record by record,
     * and a redelivered row lands where its first copy did.
     */
    private Integer spreadPartition(PendingEvent event) {
        int partitions = producer.partitionsFor(event.topic()).size();
        return Math.floorMod(event.eventId().hashCode(), partitions);
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

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
