package com.commercesuite.balance;

import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
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
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from the moment it is opened, with a plain consumer outside any group: every
 * partition, no offsets committed. Other tests write to the same topics, so callers filter by their
 * own ids.
 */
public final class TopicTail implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicTail(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    public static TopicTail fromNow(String bootstrapServers, Topic topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: fix the positions now, before the test produces anything.
        partitions.forEach(consumer::position);
        return new TopicTail(consumer);
    }

    /** Waits until at least {@code count} records match, and returns every match seen so far. */
    public List<ConsumerRecord<String, byte[]>> awaitMatching(Predicate<ConsumerRecord<String, byte[]>> filter, int count) {
        await().atMost(PATIENCE).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return matching(filter).size() >= count;
        });
        return matching(filter);
    }

    /** Envelopes of the records whose key is {@code key}, once at least {@code count} arrived. */
    public List<EventEnvelope> awaitKeyed(String key, int count) {
        return awaitMatching(r -> key.equals(r.key()), count).stream().map(r -> EventJson.read(r.value())).toList();
    }

    private List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> filter) {
        return seen.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
