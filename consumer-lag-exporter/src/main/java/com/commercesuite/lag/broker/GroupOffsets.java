package com.commercesuite.lag.broker;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group as the broker answered for it: state, live members and committed offsets (only
 * partitions with a committed offset).
 */
public record GroupOffsets(String group, String state, int members, Map<TopicPartition, Long> committed) {

    public GroupOffsets {
        committed = Map.copyOf(committed);
    }
}
