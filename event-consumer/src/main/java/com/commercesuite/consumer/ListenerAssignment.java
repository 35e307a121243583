package com.commercesuite.consumer;

import java.time.Duration;
import java.time.Instant;

/**
 * What the watch knows of one listener: since when it has held no partition while its group left
 * some partition without an owner (null while it holds one, or while it is a spare member of a
 * group whose partitions all have owners), and when the watch last restarted it.
 */
record ListenerAssignment(String listenerId, String groupId, int assignedPartitions, Instant unassignedSince,
        Instant restartedAt) {

    static ListenerAssignment assigned(String listenerId, String groupId, int partitions) {
        return new ListenerAssignment(listenerId, groupId, partitions, null, null);
    }

    /** The next state after a check that found the listener without partitions its group needs it to take. */
    ListenerAssignment unassigned(Instant now) {
        return new ListenerAssignment(listenerId, groupId, 0, unassignedSince == null ? now : unassignedSince, restartedAt);
    }

    ListenerAssignment restarted(Instant now) {
        return new ListenerAssignment(listenerId, groupId, assignedPartitions, unassignedSince, now);
    }

    /** Stuck until it holds a partition again, restarts or not: a restart that did not help changes nothing. */
    boolean stuck(Instant now, Duration bound) {
        return unassignedSince != null && Duration.between(unassignedSince, now).compareTo(bound) > 0;
    }

    /** A restarted container gets a whole bound to join before the next restart. */
    boolean restartDue(Instant now, Duration bound) {
        return stuck(now, bound) && (restartedAt == null || Duration.between(restartedAt, now).compareTo(bound) > 0);
    }
}
