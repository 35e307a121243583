package com.commercesuite.lag.broker;

import com.commercesuite.lag.LagProperties;
import com.commercesuite.lag.measure.PartitionLag.OldestUnconsumed;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Finds the timestamp of the oldest record a group has not consumed: the first record at or after
 * its committed offset. It reads one record per partition with a consumer that assigns and seeks
 * (no group, no commits), and remembers what it read, so a group stuck at the same offset costs no
 * read after the first. Used by one pass at a time, from one thread.
 */
@Component
public class OldestRecordReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final Duration readTimeout;
    /** Only records found exactly at the committed offset: a record at a given offset never changes. */
    private final Map<OffsetOnPartition, Instant> timestamps = new HashMap<>();
    private long offsetsRead;

    OldestRecordReader(Consumer<byte[], byte[]> oldestRecordConsumer, LagProperties properties) {
        this.consumer = oldestRecordConsumer;
        this.readTimeout = properties.readTimeout();
    }

    /**
     * @param positions  committed offsets below their partition's end offset
     * @param endOffsets the end offset of each of their partitions
     * @return what is known of the oldest unconsumed record at each position
     */
    public Map<OffsetOnPartition, OldestUnconsumed> read(Set<OffsetOnPartition> positions, Map<TopicPartition, Long> endOffsets) {
        Map<OffsetOnPartition, OldestUnconsumed> found = new HashMap<>();
        timestamps.keySet().retainAll(positions);
        Set<OffsetOnPartition> toRead = new HashSet<>();
        for (OffsetOnPartition position : positions) {
            Instant cached = timestamps.get(position);
            if (cached != null) {
                found.put(position, new OldestUnconsumed.At(cached));
            } else {
                toRead.add(position);
            }
        }
        if (!toRead.isEmpty()) {
            readFromTheBroker(toRead, endOffsets, found);
        }
        for (OffsetOnPartition position : positions) {
            found.putIfAbsent(position, new OldestUnconsumed.Unknown());
        }
        return found;
    }

    private void readFromTheBroker(Set<OffsetOnPartition> toRead, Map<TopicPartition, Long> endOffsets,
            Map<OffsetOnPartition, OldestUnconsumed> found) {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        try {
            // A consumer has one position per partition: two groups behind on the same partition
            // are read in two rounds.
            while (!toRead.isEmpty() && System.nanoTime() < deadline) {
                Map<TopicPartition, Long> round = onePerPartition(toRead);
                readRound(round, endOffsets, deadline, found);
                round.forEach((partition, offset) -> toRead.remove(new OffsetOnPartition(partition, offset)));
            }
        } finally {
            // Drop whatever was fetched beyond what was needed.
            consumer.assign(List.of());
        }
    }

    /** Interrupts a read in progress (shutdown). */
    public void wakeup() {
        consumer.wakeup();
    }

    /** How many positions were read from the broker rather than remembered, since start. */
    long offsetsRead() {
        return offsetsRead;
    }

    private void readRound(Map<TopicPartition, Long> round, Map<TopicPartition, Long> endOffsets, long deadline,
            Map<OffsetOnPartition, OldestUnconsumed> found) {
        consumer.assign(round.keySet());
        consumer.resume(round.keySet()); // a partition paused in the previous round keeps its pause
        round.forEach(consumer::seek);
        offsetsRead += round.size();
        Set<TopicPartition> pending = new HashSet<>(round.keySet());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(min(POLL, deadline));
            for (TopicPartition partition : records.partitions()) {
                if (!pending.remove(partition)) {
                    continue;
                }
                ConsumerRecord<byte[], byte[]> first = records.records(partition).getFirst();
                var position = new OffsetOnPartition(partition, round.get(partition));
                if (first.timestamp() < 0) {
                    found.put(position, new OldestUnconsumed.Unknown()); // a record format without timestamps
                } else {
                    Instant timestamp = Instant.ofEpochMilli(first.timestamp());
                    found.put(position, new OldestUnconsumed.At(timestamp));
                    if (first.offset() == position.offset()) {
                        timestamps.put(position, timestamp);
                    }
                }
                consumer.pause(List.of(partition));
            }
            // Reached the end without a record: only transaction markers were left to consume.
            for (Iterator<TopicPartition> it = pending.iterator(); it.hasNext(); ) {
                TopicPartition partition = it.next();
                if (positionAtEnd(partition, endOffsets.get(partition))) {
                    found.put(new OffsetOnPartition(partition, round.get(partition)), new OldestUnconsumed.NoneLeft());
                    it.remove();
                }
            }
        }
    }

    private boolean positionAtEnd(TopicPartition partition, Long endOffset) {
        if (endOffset == null) {
            return false;
        }
        try {
            return consumer.position(partition, Duration.ZERO) >= endOffset;
        } catch (TimeoutException e) {
            return false; // the position is still being reset (a committed offset below the log start)
        }
    }

    /** The lowest wanted offset of each partition. */
    private static Map<TopicPartition, Long> onePerPartition(Set<OffsetOnPartition> positions) {
        Map<TopicPartition, Long> round = new HashMap<>();
        for (OffsetOnPartition position : positions) {
            round.merge(position.partition(), position.offset(), Math::min);
        }
        return round;
    }

    private static Duration min(Duration poll, long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return Duration.ofMillis(Math.max(1, Math.min(poll.toMillis(), left)));
    }
}
