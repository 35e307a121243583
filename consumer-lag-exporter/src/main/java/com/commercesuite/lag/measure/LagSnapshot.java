package com.commercesuite.lag.measure;

import java.time.Instant;
import java.util.List;

/** Every selected group's lag after one pass, ordered by group, then topic and partition. */
public record LagSnapshot(Instant takenAt, List<GroupLag> groups) {

    public static final LagSnapshot NONE = new LagSnapshot(Instant.EPOCH, List.of());

    public LagSnapshot {
        groups = List.copyOf(groups);
    }
}
