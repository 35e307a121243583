package com.commercesuite.localsuite;

import java.util.OptionalInt;

/**
 * What the provisioner does for one topic, decided from what the broker already has. Kept apart
 * from the admin calls so the decision is testable without a broker.
 */
record TopicAction(TopicSpec spec, Kind kind, int currentPartitions) {

    enum Kind {
        /** The topic does not exist yet. */
        CREATE,
        /** It exists with fewer partitions than the catalog says: Kafka can only add partitions. */
        ADD_PARTITIONS,
        /** It exists with enough partitions; its retention is still brought in line. */
        KEEP
    }

    static TopicAction decide(TopicSpec spec, OptionalInt existingPartitions) {
        if (existingPartitions.isEmpty()) {
            return new TopicAction(spec, Kind.CREATE, 0);
        }
        int current = existingPartitions.getAsInt();
        // More partitions than asked for is left alone: Kafka cannot remove partitions.
        Kind kind = current < spec.partitions() ? Kind.ADD_PARTITIONS : Kind.KEEP;
        return new TopicAction(spec, kind, current);
    }
}
