package com.commercesuite.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventHeaders;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A keyed topic that gains partitions moves some keys to the new partition: a consumer that reads a
 * moved key's newer event before its older ones (still waiting on the old partition) counts each
 * older one as a regression; redeliveries on one partition are not counted.
 */
class AggregateOrderWatchIntegrationTests {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final int KEYS = 20;
    private static final int OLDER_EVENTS = 5;
    private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void watchMeters() {
        Metrics.addRegistry(meters);
    }

    @AfterAll
    static void stopWatching() {
        Metrics.removeRegistry(meters);
    }

    @Test
    void aKeyedTopicThatGainsAPartitionDeliversSomeAggregatesOutOfOrderAndEachIsCounted() throws Exception {
        String topic = "aggregate-order-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
            for (int key = 0; key < KEYS; key++) {
                for (int sequence = 0; sequence < OLDER_EVENTS; sequence++) {
                    send(topic, key, sequence);
                }
            }
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get();
            // A producer that sees both partitions sends each key's next event where it now belongs.
            Set<Integer> moved = new HashSet<>();
            for (int key = 0; key < KEYS; key++) {
                if (send(topic, key, OLDER_EVENTS) == 1) {
                    moved.add(key);
                }
            }
            assertThat(moved).as("keys the new partition took").isNotEmpty();

            try (var consumer = watchedConsumer()) {
                // The new partition first: its consumer is ahead, as when the old partition has lag.
                readToEnd(consumer, new TopicPartition(topic, 1));
                readToEnd(consumer, new TopicPartition(topic, 0));
                assertThat(regressions(topic)).as("each older event of a moved key").isEqualTo(moved.size() * OLDER_EVENTS);
            }
        }
    }

    @Test
    void aRedeliveryOnTheSamePartitionIsNotARegression() {
        var watch = new AggregateOrderWatch();
        String topic = "redelivered-" + UUID.randomUUID();
        watch.onConsume(records(topic, 0, 0, 1, 2));
        watch.onConsume(records(topic, 0, 0, 1, 2));
        assertThat(regressions(topic)).isZero();
        watch.onConsume(records(topic, 1, 3));
        watch.onConsume(records(topic, 0, 2));
        assertThat(regressions(topic)).as("an older event on another partition").isEqualTo(1);
    }

    private static ConsumerRecords<Object, Object> records(String topic, int partition, long... sequences) {
        var tp = new TopicPartition(topic, partition);
        List<ConsumerRecord<Object, Object>> list = new ArrayList<>();
        for (long sequence : sequences) {
            list.add(new ConsumerRecord<>(topic, partition, sequence, 0L, TimestampType.CREATE_TIME, 0, 0, "order-1", "{}",
                    headers("order-1", sequence), Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(tp, list), Map.of());
    }

    private static double regressions(String topic) {
        var counter = meters.find("commerce.consumer.sequence.regressions").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Sends aggregate {@code key}'s event number {@code sequence}, keyed by the aggregate id; returns its partition. */
    private static int send(String topic, int key, long sequence) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new StringSerializer(), new StringSerializer())) {
            String id = "order-" + key;
            return producer.send(new ProducerRecord<>(topic, null, id, "{}", headers(id, sequence))).get().partition();
        }
    }

    private static RecordHeaders headers(String id, long sequence) {
        var headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.AGGREGATE_TYPE, "Order".getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.AGGREGATE_ID, id.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.AGGREGATE_SEQUENCE, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static KafkaConsumer<String, String> watchedConsumer() {
        return new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, AggregateOrderWatch.class.getName()),
                new StringDeserializer(), new StringDeserializer());
    }

    private static void readToEnd(KafkaConsumer<String, String> consumer, TopicPartition partition) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        await("read " + partition + " to its end").atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.position(partition) >= end;
        });
    }
}
