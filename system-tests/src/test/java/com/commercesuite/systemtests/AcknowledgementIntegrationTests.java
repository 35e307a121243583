package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.SuiteCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What {@code acks=all} buys, on the local three-node cluster with the suite's topic settings
 * (replication factor 3, min.insync.replicas 2, no unclean leader election). The leader's followers
 * are frozen (SIGSTOP) while records are written, then the leader is killed and the followers woken:
 * one of them becomes leader, usually without the records. With {@code acks=1} the leader had
 * acknowledged them, so acknowledged records can be gone (printed, see that test); with the suite's
 * {@code acks=all} it never did (the writes time out, and the outbox would send them again), and
 * records acknowledged with the followers running survive the leader's death.
 */
class AcknowledgementIntegrationTests {

    private static final int RECORDS = 20;

    /**
     * With acks=1 the leader acknowledges alone, so acknowledged records can be lost. How many is not
     * deterministic, so it is printed, not asserted: a follower frozen while its fetch request was
     * pending at the leader finds the records in its socket when it wakes and keeps them (seen in one
     * CI run of three; in the others every acknowledged record was gone).
     */
    @Test
    void withAcksOneTheLeaderAcknowledgesAloneAndAcknowledgedRecordsCanBeLostWithIt() throws Exception {
        Outcome outcome = writeWhileFollowersFrozenThenKillTheLeader("1");
        assertThat(outcome.acknowledged()).as("acknowledged by the leader alone, its followers frozen").hasSize(RECORDS);
        long lost = outcome.acknowledged().stream().filter(r -> !outcome.readAfterwards().contains(r)).count();
        System.out.printf("acks-test acks=1: %d records acknowledged by the leader alone, %d of them not on the new leader%n",
                outcome.acknowledged().size(), lost);
    }

    @Test
    void withAcksAllNoAcknowledgedRecordIsLostWhenTheLeaderDies() throws Exception {
        Outcome frozen = writeWhileFollowersFrozenThenKillTheLeader("all");
        assertThat(frozen.acknowledged()).as("nothing acknowledged without a second copy").isEmpty();

        // Followers running: every acknowledged record has a copy on at least one other node.
        try (Admin admin = admin()) {
            String topic = newTopic(admin);
            Set<String> acknowledged;
            try (var producer = producer(topic, "all")) {
                acknowledged = write(producer, topic, RECORDS);
            }
            int leader = ledPartition(admin, topic).leader().id();
            SuiteCommand.run("broker", "kill", Integer.toString(leader));
            awaitNewLeader(admin, topic, leader);
            Set<String> read = readAll(topic);
            SuiteCommand.run("broker", "start", Integer.toString(leader));
            awaitEveryReplicaInSync(admin, topic);
            assertThat(acknowledged).hasSize(RECORDS);
            assertThat(read).as("what the new leader has").containsAll(acknowledged);
        }
    }

    record Outcome(Set<String> acknowledged, Set<String> readAfterwards) {
    }

    private Outcome writeWhileFollowersFrozenThenKillTheLeader(String acks) throws Exception {
        try (Admin admin = admin()) {
            assumeThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).as("a cluster of three nodes").hasSize(3);
            String topic = newTopic(admin);
            TopicPartitionInfo partition = ledPartition(admin, topic);
            int leader = partition.leader().id();
            List<Integer> followers = partition.replicas().stream().map(Node::id).filter(id -> id != leader).toList();
            Set<String> acknowledged;
            try (var producer = producer(topic, acks)) {
                try {
                    for (int follower : followers) {
                        SuiteCommand.run("broker", "pause", Integer.toString(follower));
                    }
                    // Well within replica.lag.time.max.ms (30 s): the frozen followers are still in the ISR.
                    acknowledged = write(producer, topic, RECORDS);
                    SuiteCommand.run("broker", "kill", Integer.toString(leader));
                } finally {
                    for (int follower : followers) {
                        SuiteCommand.run("broker", "resume", Integer.toString(follower));
                    }
                }
            }
            awaitNewLeader(admin, topic, leader);
            Set<String> read = readAll(topic);
            SuiteCommand.run("broker", "start", Integer.toString(leader));
            awaitEveryReplicaInSync(admin, topic);
            return new Outcome(acknowledged, read);
        }
    }

    /**
     * A producer that already knows the topic's leader, so that it needs no other node while the
     * followers are frozen, and that gives up on a write after 5 s.
     */
    private static KafkaProducer<String, String> producer(String topic, String acks) {
        var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DomainServices.KAFKA,
                ProducerConfig.ACKS_CONFIG, acks,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "all".equals(acks),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        producer.partitionsFor(topic);
        return producer;
    }

    /** Writes {@code count} records and returns those the broker acknowledged (the others failed, within 5 s). */
    private static Set<String> write(KafkaProducer<String, String> producer, String topic, int count) throws InterruptedException {
        Set<String> acknowledged = new HashSet<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = "record-" + i + "-" + UUID.randomUUID();
            values.add(value);
            sends.add(producer.send(new ProducerRecord<>(topic, 0, null, value)));
        }
        for (int i = 0; i < count; i++) {
            try {
                sends.get(i).get();
                acknowledged.add(values.get(i));
            } catch (ExecutionException notAcknowledged) {
                // a write the producer was told failed: its sender still has it and may send it again
            }
        }
        return acknowledged;
    }

    private static Set<String> readAll(String topic) {
        Set<String> values = new HashSet<>();
        var partition = new TopicPartition(topic, 0);
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DomainServices.KAFKA), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            await("the new leader's log read to its end").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return consumer.position(partition) >= end;
            });
        }
        return values;
    }

    private static String newTopic(Admin admin) throws Exception {
        String topic = "acks-test-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.of((short) 3))
                .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        ledPartition(admin, topic);
        return topic;
    }

    /**
     * The topic's partition once it has a leader. Asked again and again, not once: each describe
     * may go to another node, and a node that has not yet heard of a new topic says it does not exist.
     */
    private static TopicPartitionInfo ledPartition(Admin admin, String topic) {
        return await("the topic's partition led").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> partition(admin, topic), p -> p.leader() != null);
    }

    private static TopicPartitionInfo partition(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        return description.partitions().getFirst();
    }

    private static void awaitNewLeader(Admin admin, String topic, int old) {
        await("a new leader").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> partition(admin, topic).leader(), l -> l != null && l.id() != old);
    }

    /** The test topic and every catalog topic fully replicated again, as the tests after this one expect. */
    private static void awaitEveryReplicaInSync(Admin admin, String topic) {
        List<String> names = new ArrayList<>(Arrays.stream(Topic.values()).map(Topic::topicName).toList());
        names.add(topic);
        await("every replica back in sync").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null && p.isr().size() == p.replicas().size()));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, DomainServices.KAFKA));
    }
}
