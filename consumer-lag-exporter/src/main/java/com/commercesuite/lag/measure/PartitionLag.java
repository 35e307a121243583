package com.commercesuite.lag.measure;

import java.time.Duration;
import java.time.Instant;

/**
 * How far one group is behind on one partition, as the broker sees it.
 *
 * @param lagRecords log end offset minus committed offset, never negative
 * @param lagSeconds age of the oldest record the group has not consumed yet: 0 when nothing is
 *                   left to consume, {@code NaN} when that record could not be read this pass
 */
public record PartitionLag(String topic, int partition, long committedOffset, long endOffset,
        long lagRecords, double lagSeconds) {

    /**
     * @param oldestUnconsumed what is known of the oldest record at or after the committed offset
     */
    public static PartitionLag of(String topic, int partition, long committedOffset, long endOffset,
            OldestUnconsumed oldestUnconsumed, Instant now) {
        long lagRecords = Math.max(0, endOffset - committedOffset);
        double lagSeconds = lagRecords == 0 ? 0 : oldestUnconsumed.ageAt(now);
        return new PartitionLag(topic, partition, committedOffset, endOffset, lagRecords, lagSeconds);
    }

    /** What a pass learnt of the oldest record a group has not consumed on a partition. */
    public sealed interface OldestUnconsumed {

        double ageAt(Instant now);

        /** The record's timestamp (its create time or log append time, as the topic keeps it). */
        record At(Instant timestamp) implements OldestUnconsumed {
            @Override
            public double ageAt(Instant now) {
                Duration age = Duration.between(timestamp, now);
                return age.isNegative() ? 0 : age.toMillis() / 1000.0; // record timestamps are in milliseconds
            }
        }

        /** Only transaction markers were left between the committed offset and the log end. */
        record NoneLeft() implements OldestUnconsumed {
            @Override
            public double ageAt(Instant now) {
                return 0;
            }
        }

        /** Not read in time this pass. */
        record Unknown() implements OldestUnconsumed {
            @Override
            public double ageAt(Instant now) {
                return Double.NaN;
            }
        }
    }
}
