package com.commercesuite.outbox;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic from the offsets it had when the reader was opened (or from the beginning), keeping the records a test
 * cares about. No consumer group: nothing is committed, nothing disturbs other readers.
 */
final class TopicReader implements AutoCloseable {

    /** One record as a test looks at it. */
    record Received(String key, EventEnvelope envelope, Map<String, String> headers, int partition) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Predicate<EventEnvelope> wanted;
    private final List<Received> received = new ArrayList<>();

    TopicReader(String bootstrapServers, String topic, Predicate<EventEnvelope> wanted) {
        this(bootstrapServers, topic, wanted, false);
    }

    TopicReader(String bootstrapServers, String topic, Predicate<EventEnvelope> wanted, boolean fromBeginning) {
        this.wanted = wanted;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    /** Everything wanted that arrived so far, in arrival order per partition. */
    List<Received> poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            EventEnvelope envelope = EventJson.read(record.value());
            if (wanted.test(envelope)) {
                var headers = new java.util.HashMap<String, String>();
                record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                received.add(new Received(key, envelope, headers, record.partition()));
            }
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
