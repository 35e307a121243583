package com.commercesuite.localsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the local Kafka: a dead letter as the consumers' error handler writes it, listed and sent back. */
class DeadLettersIntegrationTests {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final String TOPIC = "dead-letters-test-" + UUID.randomUUID();
    static final String DLT = TOPIC + DeadLetters.SUFFIX;

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(2), Optional.empty()),
                    new NewTopic(DLT, Optional.of(2), Optional.empty()))).all().get();
        }
    }

    @AfterAll
    static void deleteTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.deleteTopics(List.of(TOPIC, DLT)).all().get();
        }
    }

    @Test
    void aDeadLetterIsListedWithItsReasonAndSentBackToItsPartitionWithoutTheFailureHeaders() throws Exception {
        String eventId = UUID.randomUUID().toString();
        var headers = new RecordHeaders();
        headers.add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("eventType", "ORDER_COMPLETED".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON, "IllegalStateException: database said no".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.ORIGINAL_TOPIC, TOPIC.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(1).array());
        headers.add(DeadLetters.ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(41L).array());
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(DLT, 1, "order:7".getBytes(StandardCharsets.UTF_8),
                    "{\"orderId\":7}".getBytes(StandardCharsets.UTF_8), headers)).get();
        }
        var dlt = new DeadLetters(BOOTSTRAP);

        var listed = new ByteArrayOutputStream();
        dlt.list(List.of(DLT), new PrintStream(listed, true, StandardCharsets.UTF_8));
        assertThat(listed.toString(StandardCharsets.UTF_8))
                .contains(DLT + ": 1 dead letter(s)", "from " + TOPIC + "-1@41", "event " + eventId + " (ORDER_COMPLETED)",
                        "reason: IllegalStateException: database said no");

        int sent = dlt.replay(TOPIC, r -> true, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(sent).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> back = readOne(new TopicPartition(TOPIC, 1));
        assertThat(new String(back.key(), StandardCharsets.UTF_8)).isEqualTo("order:7");
        assertThat(new String(back.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":7}");
        assertThat(DeadLetters.header(back, "eventId")).isEqualTo(eventId);
        assertThat(back.headers().lastHeader(DeadLetters.REASON)).isNull();
        assertThat(back.headers().lastHeader(DeadLetters.ORIGINAL_TOPIC)).isNull();
    }

    private static ConsumerRecord<byte[], byte[]> readOne(TopicPartition partition) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).hasSize(1);
            return records.getFirst();
        }
    }
}
