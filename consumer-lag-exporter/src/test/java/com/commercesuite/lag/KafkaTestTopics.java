package com.commercesuite.lag;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' own topics and groups on the local broker, with unique names under
 * {@value #PREFIX}, deleted again by {@link #close()}.
 */
public final class KafkaTestTopics implements AutoCloseable {

    public static final String PREFIX = "consumer-lag-exporter-it-";

    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final List<String> topics = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();

    public KafkaTestTopics() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    public static String bootstrapServers() {
        return System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    }

    public Admin admin() {
        return admin;
    }

    public String newTopic(int partitions) throws ExecutionException, InterruptedException {
        String topic = PREFIX + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        topics.add(topic);
        // Created is not yet known to every node: the group coordinator may still refuse offsets on it.
        await("every partition of " + topic + " led").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .allMatch(p -> p.leader() != null));
        return topic;
    }

    /** A group id ending in -test, like every test group of the suite. */
    public String newGroup() {
        String group = PREFIX + UUID.randomUUID() + "-test";
        groups.add(group);
        return group;
    }

    /** Writes {@code count} records to one partition, each with the given (create) timestamp. */
    public void produce(TopicPartition partition, int count, Instant timestamp) throws ExecutionException, InterruptedException {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), timestamp.toEpochMilli(), null, "record " + i)).get();
        }
    }

    /** Commits offsets for a group that has no member, as a group does once its consumers are gone. */
    public void commit(String group, Map<TopicPartition, Long> offsets) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, committed).all().get();
    }

    public void deleteGroup(String group) throws ExecutionException, InterruptedException {
        admin.deleteConsumerGroups(List.of(group)).all().get();
        groups.remove(group);
    }

    @Override
    public void close() {
        try {
            if (!groups.isEmpty()) {
                admin.deleteConsumerGroups(groups).all().get();
            }
        } catch (ExecutionException | InterruptedException e) {
            // a group still has a member or was already deleted: best effort
        }
        try {
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get();
            }
        } catch (ExecutionException | InterruptedException e) {
            // best effort
        }
        producer.close();
        admin.close();
    }
}
