package com.commercesuite.testsupport;

import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from the moment it is opened, with a plain consumer outside any group: every
 * partition, no offsets committed. Other tests and services write to the same topics, so callers
 * filter by their own keys or ids.
 */
public final class TopicTail implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicTail(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: fix the positions now, before the test produces anything.
        partitions.forEach(consumer::position);
    }

    public static TopicTail fromNow(String bootstrapServers, String topic) {
        return new TopicTail(bootstrapServers, topic);
    }

    public static TopicTail fromNow(String bootstrapServers, Topic topic) {
        return new TopicTail(bootstrapServers, topic.topicName());
    }

    /** Polls once, then answers every record seen so far that matches, in arrival order per partition. */
    public List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> filter) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(filter).toList();
    }

    /** Polls once, then answers every readable envelope seen so far that matches (shared topics carry other tests' garbage too). */
    public List<EventEnvelope> envelopesMatching(Predicate<EventEnvelope> filter) {
        return matching(r -> r.value() != null).stream()
                .flatMap(r -> {
                    try {
                        return Stream.of(EventJson.read(r.value()));
                    } catch (RuntimeException unreadable) {
                        return Stream.empty();
                    }
                })
                .filter(filter)
                .toList();
    }

    /** Polls once, then answers every envelope seen so far whose record key is one of {@code keys}. */
    public List<EventEnvelope> keyed(Collection<String> keys) {
        return envelopes(matching(r -> keys.contains(r.key())));
    }

    public List<ConsumerRecord<String, byte[]>> recordsKeyed(String key) {
        return matching(r -> key.equals(r.key()));
    }

    /** Reads up to the partitions' current ends: afterwards, everything already on the topic has been seen. */
    public List<EventEnvelope> keyedUpToTheEnd(Collection<String> keys) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
        return keyed(keys);
    }

    /** Waits until at least {@code count} records match, and returns every match seen so far. */
    public List<ConsumerRecord<String, byte[]>> awaitMatching(Predicate<ConsumerRecord<String, byte[]>> filter, int count) {
        await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ZERO).until(() -> matching(filter).size() >= count);
        return matching(filter);
    }

    /** Envelopes of the records whose key is {@code key}, once at least {@code count} arrived. */
    public List<EventEnvelope> awaitKeyed(String key, int count) {
        return envelopes(awaitMatching(r -> key.equals(r.key()), count));
    }

    private static List<EventEnvelope> envelopes(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventJson.read(r.value())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
