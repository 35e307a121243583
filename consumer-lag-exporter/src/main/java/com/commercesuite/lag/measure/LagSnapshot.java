package com.commercesuite.lag.measure;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Every selected group's lag after one pass, ordered by group, then topic and partition, and the
 * expected groups the brokers did not report (not listed, or not described in time).
 */
public record LagSnapshot(Instant takenAt, List<GroupLag> groups, Set<String> unreportedGroups) {

    public static final LagSnapshot NONE = new LagSnapshot(Instant.EPOCH, List.of());

    public LagSnapshot {
        groups = List.copyOf(groups);
        unreportedGroups = Set.copyOf(unreportedGroups);
    }

    public LagSnapshot(Instant takenAt, List<GroupLag> groups) {
        this(takenAt, groups, Set.of());
    }
}
