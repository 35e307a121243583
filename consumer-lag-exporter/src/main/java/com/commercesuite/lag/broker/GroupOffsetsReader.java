package com.commercesuite.lag.broker;

import com.commercesuite.lag.LagProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeShareGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the groups from the broker with the Admin client: every consumer group (classic or the
 * KIP-848 consumer protocol) with its members and committed offsets, every share group (KIP-932)
 * with its members and start offsets, and the log end offset of every partition they hold an offset
 * on. Nothing here depends on a group having a live member.
 */
@Component
public class GroupOffsetsReader {

    private static final Logger log = LoggerFactory.getLogger(GroupOffsetsReader.class);

    private final Admin admin;
    private final Duration timeout;

    GroupOffsetsReader(Admin admin, LagProperties properties) {
        this.admin = admin;
        this.timeout = properties.requestTimeout();
    }

    /**
     * @param selected which group ids to read
     * @throws ExecutionException when the broker cannot even list the groups
     */
    public BrokerReading read(Predicate<String> selected)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> ids = listed(ListGroupsOptions.forConsumerGroups(), selected, deadline);
        List<String> shareIds = shareGroupsListed(selected, deadline);
        if (ids.isEmpty() && shareIds.isEmpty()) {
            return new BrokerReading(List.of(), Map.of(), Set.of(), Set.of());
        }
        List<GroupOffsets> groups = new ArrayList<>();
        Set<String> unreadGroups = new HashSet<>();
        if (!ids.isEmpty()) {
            // Both requests go out before either answer is awaited.
            Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions = admin.describeConsumerGroups(ids,
                    new DescribeConsumerGroupsOptions().timeoutMs(millis(timeout))).describedGroups();
            ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(
                    ids.stream().collect(Collectors.toMap(Function.identity(), id -> new ListConsumerGroupOffsetsSpec())),
                    new ListConsumerGroupOffsetsOptions().timeoutMs(millis(timeout)));
            for (String id : ids) {
                collect(id, groups, unreadGroups, () -> {
                    ConsumerGroupDescription description = descriptions.get(id).get(remaining(deadline), TimeUnit.MILLISECONDS);
                    Map<TopicPartition, Long> committed = committedOffsets(
                            offsets.partitionsToOffsetAndMetadata(id).get(remaining(deadline), TimeUnit.MILLISECONDS));
                    return new GroupOffsets(id, description.groupState().toString(), description.members().size(), committed);
                });
            }
        }
        if (!shareIds.isEmpty()) {
            Map<String, KafkaFuture<ShareGroupDescription>> descriptions = admin.describeShareGroups(shareIds,
                    new DescribeShareGroupsOptions().timeoutMs(millis(timeout))).describedGroups();
            ListShareGroupOffsetsResult offsets = admin.listShareGroupOffsets(
                    shareIds.stream().collect(Collectors.toMap(Function.identity(), id -> new ListShareGroupOffsetsSpec())),
                    new ListShareGroupOffsetsOptions().timeoutMs(millis(timeout)));
            for (String id : shareIds) {
                collect(id, groups, unreadGroups, () -> {
                    ShareGroupDescription description = descriptions.get(id).get(remaining(deadline), TimeUnit.MILLISECONDS);
                    Map<TopicPartition, Long> starts = startOffsets(
                            offsets.partitionsToOffsetInfo(id).get(remaining(deadline), TimeUnit.MILLISECONDS));
                    return new GroupOffsets(id, description.groupState().toString(), description.members().size(), starts);
                });
            }
        }
        groups.sort(Comparator.comparing(GroupOffsets::group));

        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        Set<TopicPartition> unreadPartitions = new HashSet<>();
        Set<TopicPartition> partitions = groups.stream()
                .flatMap(group -> group.committed().keySet().stream())
                .collect(Collectors.toSet());
        if (!partitions.isEmpty()) {
            ListOffsetsResult ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())),
                    new ListOffsetsOptions().timeoutMs(millis(timeout)));
            for (TopicPartition partition : partitions) {
                try {
                    endOffsets.put(partition, ends.partitionResult(partition).get(remaining(deadline), TimeUnit.MILLISECONDS).offset());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        continue; // the topic was deleted; the group's offsets on it outlive it
                    }
                    log.warn("end offset of {} not read this pass: {}", partition, e.getCause().toString());
                    unreadPartitions.add(partition);
                } catch (TimeoutException e) {
                    log.warn("end offset of {} not read this pass: no answer within {}", partition, timeout);
                    unreadPartitions.add(partition);
                }
            }
        }
        return new BrokerReading(groups, endOffsets, unreadGroups, unreadPartitions);
    }

    private List<String> listed(ListGroupsOptions kind, Predicate<String> selected, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listGroups(kind.timeoutMs(millis(timeout)))
                .all().get(remaining(deadline), TimeUnit.MILLISECONDS).stream()
                .map(GroupListing::groupId)
                .filter(selected)
                .sorted()
                .toList();
    }

    /** None from brokers without share groups (before Kafka 4.1): their consumer groups are still read. */
    private List<String> shareGroupsListed(Predicate<String> selected, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return listed(ListGroupsOptions.forShareGroups(), selected, deadline);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedVersionException) {
                return List.of();
            }
            throw e;
        }
    }

    private interface GroupRead {
        GroupOffsets read() throws ExecutionException, InterruptedException, TimeoutException;
    }

    /** One group's reading, or the group noted as unread this pass (it keeps its last figures). */
    private void collect(String id, List<GroupOffsets> groups, Set<String> unreadGroups, GroupRead read)
            throws InterruptedException {
        try {
            GroupOffsets group = read.read();
            if (group.state().equals(GroupState.DEAD.toString()) && group.committed().isEmpty()) {
                return; // deleted since it was listed
            }
            groups.add(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return; // deleted since it was listed
            }
            log.warn("group {} not read this pass: {}", id, e.getCause().toString());
            unreadGroups.add(id);
        } catch (TimeoutException e) {
            log.warn("group {} not read this pass: no answer within {}", id, timeout);
            unreadGroups.add(id);
        }
    }

    /**
     * A share group's position on each partition: its start offset, below which every record is
     * acknowledged. Records from there to the end are counted as its lag (records acknowledged out
     * of order above it included), and the record there is its oldest unacknowledged one.
     */
    private static Map<TopicPartition, Long> startOffsets(Map<TopicPartition, SharePartitionOffsetInfo> infos) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((partition, info) -> {
            if (info != null) {
                offsets.put(partition, info.startOffset());
            }
        });
        return offsets;
    }

    private static Map<TopicPartition, Long> committedOffsets(Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        // A partition asked for but never committed on comes back with no offset.
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** At least 1 ms: an answer already in is still taken after the deadline. */
    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
