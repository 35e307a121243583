package com.commercesuite.lag.broker;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What one pass read from the broker.
 *
 * @param endOffsets       log end offset of every partition a group committed on; a deleted topic's
 *                         partitions are absent
 * @param unreadGroups     groups listed but whose members or offsets the broker did not give in time
 * @param unreadPartitions partitions whose end offset the broker did not give in time
 */
public record BrokerReading(List<GroupOffsets> groups, Map<TopicPartition, Long> endOffsets,
        Set<String> unreadGroups, Set<TopicPartition> unreadPartitions) {

    public BrokerReading {
        groups = List.copyOf(groups);
        endOffsets = Map.copyOf(endOffsets);
        unreadGroups = Set.copyOf(unreadGroups);
        unreadPartitions = Set.copyOf(unreadPartitions);
    }

    public boolean complete() {
        return unreadGroups.isEmpty() && unreadPartitions.isEmpty();
    }
}
