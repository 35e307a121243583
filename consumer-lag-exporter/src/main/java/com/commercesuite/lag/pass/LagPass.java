package com.commercesuite.lag.pass;

import com.commercesuite.lag.LagProperties;
import com.commercesuite.lag.broker.BrokerReading;
import com.commercesuite.lag.broker.GroupOffsets;
import com.commercesuite.lag.broker.GroupOffsetsReader;
import com.commercesuite.lag.broker.OffsetOnPartition;
import com.commercesuite.lag.broker.OldestRecordReader;
import com.commercesuite.lag.measure.GroupLag;
import com.commercesuite.lag.measure.LagSnapshot;
import com.commercesuite.lag.measure.PartitionLag;
import com.commercesuite.lag.measure.PartitionLag.OldestUnconsumed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * One measurement of every selected group: committed offsets and members from the broker, log end
 * offsets, then the oldest unconsumed record of each partition that is behind.
 */
@Component
class LagPass {

    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final GroupOffsetsReader groups;
    private final OldestRecordReader oldestRecords;
    private final GroupSelection selection;
    private final List<String> expectedGroups;
    private final Clock clock;

    LagPass(GroupOffsetsReader groups, OldestRecordReader oldestRecords, LagProperties properties, Clock clock) {
        this.groups = groups;
        this.oldestRecords = oldestRecords;
        this.selection = GroupSelection.of(properties.groups());
        this.expectedGroups = properties.expectedGroups();
        this.clock = clock;
    }

    /**
     * @param previous the last pass's snapshot: what could not be read this time is carried over
     *                 from it, so a series does not vanish and come back with a slow answer
     */
    PassOutcome run(LagSnapshot previous) throws ExecutionException, InterruptedException, TimeoutException {
        BrokerReading reading = groups.read(selection);
        Set<OffsetOnPartition> behind = new HashSet<>();
        for (GroupOffsets group : reading.groups()) {
            group.committed().forEach((partition, committed) -> {
                Long end = reading.endOffsets().get(partition);
                if (end != null && end > committed) {
                    behind.add(new OffsetOnPartition(partition, committed));
                }
            });
        }
        Map<OffsetOnPartition, OldestUnconsumed> oldest = oldestRecords.read(behind, reading.endOffsets());
        Instant now = clock.instant();

        Map<String, GroupLag> before = previous.groups().stream()
                .collect(Collectors.toMap(GroupLag::group, Function.identity()));
        List<GroupLag> measured = new ArrayList<>();
        for (GroupOffsets group : reading.groups()) {
            measured.add(measure(group, reading, oldest, before.get(group.group()), now));
        }
        reading.unreadGroups().stream().map(before::get).filter(Objects::nonNull).forEach(measured::add);
        measured.sort(Comparator.comparing(GroupLag::group));

        boolean complete = reading.complete()
                && oldest.values().stream().noneMatch(OldestUnconsumed.Unknown.class::isInstance);
        Set<String> reported = reading.groups().stream().map(GroupOffsets::group).collect(Collectors.toSet());
        Set<String> unreported = expectedGroups.stream().filter(group -> !reported.contains(group)).collect(Collectors.toSet());
        return new PassOutcome(new LagSnapshot(now, measured, unreported), complete);
    }

    private static GroupLag measure(GroupOffsets group, BrokerReading reading,
            Map<OffsetOnPartition, OldestUnconsumed> oldest, GroupLag before, Instant now) {
        List<PartitionLag> partitions = new ArrayList<>();
        group.committed().keySet().stream().sorted(BY_TOPIC_AND_PARTITION).forEach(partition -> {
            long committed = group.committed().get(partition);
            Long end = reading.endOffsets().get(partition);
            if (end != null) {
                OldestUnconsumed record = oldest.getOrDefault(new OffsetOnPartition(partition, committed),
                        new OldestUnconsumed.NoneLeft());
                partitions.add(PartitionLag.of(partition.topic(), partition.partition(), committed, end, record, now));
            } else if (reading.unreadPartitions().contains(partition)) {
                previousFigure(before, partition).ifPresent(partitions::add);
            }
            // else: the topic is gone, and so is the series
        });
        return new GroupLag(group.group(), group.state(), group.members(), partitions);
    }

    private static Optional<PartitionLag> previousFigure(GroupLag before, TopicPartition partition) {
        if (before == null) {
            return Optional.empty();
        }
        return before.partitions().stream()
                .filter(p -> p.topic().equals(partition.topic()) && p.partition() == partition.partition())
                .findFirst();
    }
}
