package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.SuiteCommand;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One partition that takes no writes (two replicas, one of them on a stopped broker: fewer in-sync
 * replicas than min.insync.replicas) holds back only its own events: the other partitions' and
 * topics' go out meanwhile, and the held ones go out in their order once the broker is back. Runs on
 * the local three-node cluster, driving the broker with {@code bin/suite broker} as a person would.
 */
@SpringBootTest(properties = {
        "commerce.outbox.relay.partition-timeout=1s",
        "commerce.outbox.relay.blocked-backoff-max=2s"})
@DirtiesContext // the relay holds the database's relay lease: release it for the next test class
class OutboxBlockedPartitionIntegrationTests {

    private static final int EVENTS = 5;
    private static final Topic BLOCKED = Topic.PRODUCT_ACTIVITY;
    private static final Topic FREE = Topic.BALANCE_ACTIVITY;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    final String run = "blocked-" + UUID.randomUUID();

    @Test
    void aPartitionWithoutEnoughInSyncReplicasHoldsBackOnlyItsOwnEventsWhichGoOutInTheirOrderOnceItHasThem() throws Exception {
        String held = run + "-held";
        String free = run + "-free";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
                var heldReader = new TopicReader(bootstrapServers, BLOCKED.topicName(), e -> e.aggregateId().equals(held));
                var freeReader = new TopicReader(bootstrapServers, FREE.topicName(), e -> e.aggregateId().equals(free))) {
            assumeThat(admin.describeCluster().nodes().get().size()).as("a cluster of three nodes").isEqualTo(3);
            var partition = new TopicPartition(BLOCKED.topicName(), partitionOf(BLOCKED, held));
            TopicPartitionInfo before = describe(admin, partition);
            int leader = before.leader().id();
            int stopped = before.replicas().stream().map(Node::id).filter(id -> id != leader).findFirst().orElseThrow();
            reassign(admin, partition, List.of(leader, stopped));
            SuiteCommand.run("broker", "stop", Integer.toString(stopped));
            try {
                await("the partition down to one in-sync replica").atMost(Duration.ofSeconds(30))
                        .until(() -> describe(admin, partition).isr().size() == 1);
                for (int i = 1; i <= EVENTS; i++) {
                    int n = i;
                    transaction.executeWithoutResult(status -> {
                        outbox.append(BLOCKED, new TestEvent(held, n));
                        outbox.append(FREE, new TestEvent(free, n));
                    });
                }

                await("the free topic's events").atMost(Duration.ofSeconds(30)).until(freeReader::poll, r -> r.size() >= EVENTS);
                await("the blocked partition reported").atMost(Duration.ofSeconds(10))
                        .until(() -> meters.get("outbox.blocked.partitions").gauge().value() >= 1);
                assertThat(heldReader.poll()).isEmpty();
                assertThat(pendingRows(held)).isEqualTo(EVENTS);
            } finally {
                try {
                    SuiteCommand.run("broker", "start", Integer.toString(stopped));
                } finally {
                    // The cluster outlives the run: give the partition its three replicas back whatever happened.
                    reassign(admin, partition, before.replicas().stream().map(Node::id).toList());
                }
            }

            var received = await("the held events, once the partition has its replicas").atMost(Duration.ofSeconds(60))
                    .until(heldReader::poll, r -> r.size() >= EVENTS);
            assertThat(received.stream().map(r -> r.headers().get(EventHeaders.AGGREGATE_SEQUENCE)).distinct().toList())
                    .as("one key's events in their order").containsExactlyElementsOf(
                            IntStream.rangeClosed(1, EVENTS).mapToObj(Integer::toString).toList());
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingRows(run) == 0
                    && meters.get("outbox.blocked.partitions").gauge().value() == 0);
            await("all replicas back in sync").atMost(Duration.ofSeconds(60))
                    .until(() -> describe(admin, partition).isr().size() == before.replicas().size());
        }
    }

    /** The partition Kafka's default partitioner gives the aggregate's events. */
    private static int partitionOf(Topic topic, String aggregateId) {
        String key = topic.keyFor(EventEnvelope.of(new TestEvent(aggregateId, 1), 1, Instant.now()));
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % topic.partitions();
    }

    private static TopicPartitionInfo describe(Admin admin, TopicPartition partition) throws Exception {
        return admin.describeTopics(List.of(partition.topic())).allTopicNames().get().get(partition.topic())
                .partitions().get(partition.partition());
    }

    private static void reassign(Admin admin, TopicPartition partition, List<Integer> replicas) throws Exception {
        admin.alterPartitionReassignments(Map.of(partition, Optional.of(new NewPartitionReassignment(replicas)))).all().get();
        await("replicas of " + partition + " become " + replicas).atMost(Duration.ofSeconds(60))
                .until(() -> admin.listPartitionReassignments().reassignments().get().isEmpty()
                        && describe(admin, partition).replicas().stream().map(Node::id).toList().containsAll(replicas));
    }

    private int pendingRows(String aggregatePrefix) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE aggregate_id LIKE ? AND failed_at IS NULL",
                Integer.class, aggregatePrefix + "%");
    }
}
