package com.commercesuite.systemtests;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from its end at the time of opening, without a group, keeping the wanted events. */
final class Kafka implements AutoCloseable {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Predicate<EventEnvelope> wanted;
    private final List<EventEnvelope> received = new ArrayList<>();

    Kafka(String topic, Predicate<EventEnvelope> wanted) {
        this.wanted = wanted;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Everything wanted that arrived so far. */
    List<EventEnvelope> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            EventEnvelope envelope = EventJson.read(record.value());
            if (wanted.test(envelope)) {
                received.add(envelope);
            }
        });
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
