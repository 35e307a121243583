package com.commercesuite.lag.api;

import com.commercesuite.lag.measure.GroupLag;
import com.commercesuite.lag.measure.LagSnapshot;
import com.commercesuite.lag.measure.PartitionLag;
import com.commercesuite.lag.pass.LatestLag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The latest pass's figures as JSON, for a look without Prometheus. */
@RestController
class LagController {

    record PartitionView(String topic, int partition, long committedOffset, long endOffset, long lagRecords,
            Double lagSeconds) {
    }

    record GroupView(String group, String state, int members, List<PartitionView> partitions) {
    }

    /** @param takenAt when the figures were measured; null before the first pass */
    record LagView(Instant takenAt, List<GroupView> groups) {
    }

    private final LatestLag latest;

    LagController(LatestLag latest) {
        this.latest = latest;
    }

    @GetMapping("/api/consumer-lag")
    LagView consumerLag() {
        LagSnapshot snapshot = latest.snapshot();
        return new LagView(snapshot == LagSnapshot.NONE ? null : snapshot.takenAt(),
                snapshot.groups().stream().map(LagController::view).toList());
    }

    private static GroupView view(GroupLag group) {
        return new GroupView(group.group(), group.state(), group.members(),
                group.partitions().stream().map(LagController::view).toList());
    }

    /** Seconds unknown this pass are null rather than NaN, which JSON does not have. */
    private static PartitionView view(PartitionLag p) {
        return new PartitionView(p.topic(), p.partition(), p.committedOffset(), p.endOffset(), p.lagRecords(),
                Double.isNaN(p.lagSeconds()) ? null : p.lagSeconds());
    }
}
