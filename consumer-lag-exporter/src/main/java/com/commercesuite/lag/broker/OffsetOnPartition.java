package com.commercesuite.lag.broker;

import org.apache.kafka.common.TopicPartition;

/** A position in the log: a group's committed offset on one partition. */
public record OffsetOnPartition(TopicPartition partition, long offset) {
}
