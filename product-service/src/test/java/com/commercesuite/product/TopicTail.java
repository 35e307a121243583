package com.commercesuite.product;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the moment it is opened, with a plain consumer outside any group. Other tests and
 * services write to the same topics, so callers filter on their own keys.
 */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicTail(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the test writes anything
    }

    public static TopicTail fromNow(String bootstrapServers, String topic) {
        return new TopicTail(bootstrapServers, topic);
    }

    /** Polls once, then answers every envelope seen so far whose record key is one of {@code keys}, in arrival order. */
    public List<EventEnvelope> keyed(Collection<String> keys) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(r -> keys.contains(r.key())).map(r -> EventJson.read(r.value())).toList();
    }

    public List<ConsumerRecord<String, byte[]>> recordsKeyed(String key) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Reads up to the partitions' current ends: afterwards, everything already on the topic has been seen. */
    public List<EventEnvelope> keyedUpToTheEnd(Collection<String> keys) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read up to " + ends);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return keyed(keys);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
