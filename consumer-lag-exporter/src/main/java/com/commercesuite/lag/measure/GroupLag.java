package com.commercesuite.lag.measure;

import java.util.List;

/**
 * One consumer group as the broker sees it: its live members (0 once every member has left, its
 * committed offsets staying) and its lag on every partition it has committed an offset for.
 *
 * @param state the group's state as the broker names it (Stable, Empty, ...)
 */
public record GroupLag(String group, String state, int members, List<PartitionLag> partitions) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }
}
