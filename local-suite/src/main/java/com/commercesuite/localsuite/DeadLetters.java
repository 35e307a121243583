package com.commercesuite.localsuite;

import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.Topic;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead letters of the suite's topics, for {@code bin/suite dlt}: each with where it came from
 * and why it was given up ({@code dltReason}), and a way to send one, or all of a topic's, back to
 * their original topic and partition. The consumers' inbox makes a replay safe: an event already
 * applied is recognised by its id and skipped.
 *
 * <p>Usage: {@code DeadLetters bootstrap-servers list [topic]} or
 * {@code DeadLetters bootstrap-servers replay <topic>.DLT <partition>@<offset>|all}.
 */
public final class DeadLetters {

    static final String SUFFIX = ".DLT";
    static final String REASON = "dltReason";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    /** Spring Kafka's dead-letter headers and the reason: they describe the failure, not the event. */
    private static final Predicate<String> FAILURE_HEADER = name -> name.startsWith("kafka_dlt-") || name.equals(REASON);

    private final String bootstrap;

    DeadLetters(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public static void main(String[] args) {
        if (args.length < 2 || !(args[1].equals("list") || args[1].equals("replay") && args.length == 4)) {
            System.err.println("usage: DeadLetters <bootstrap> list [topic] | replay <topic>.DLT <partition>@<offset>|all");
            System.exit(2);
        }
        var dlt = new DeadLetters(args[0]);
        if (args[1].equals("list")) {
            List<String> topics = args.length > 2 ? List.of(deadLetterTopic(args[2]))
                    : Arrays.stream(Topic.values()).map(t -> t.topicName() + SUFFIX).toList();
            dlt.list(topics, System.out);
        } else {
            int sent = dlt.replay(args[2], args[3].equals("all") ? r -> true : at(args[3]), System.out);
            if (sent == 0) {
                System.err.println("no dead letter of " + args[2] + " matches " + args[3]);
                System.exit(1);
            }
        }
    }

    static String deadLetterTopic(String topic) {
        return topic.endsWith(SUFFIX) ? topic : topic + SUFFIX;
    }

    private static Predicate<ConsumerRecord<byte[], byte[]>> at(String partitionAtOffset) {
        String[] parts = partitionAtOffset.split("@");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected <partition>@<offset>, not " + partitionAtOffset);
        }
        int partition = Integer.parseInt(parts[0]);
        long offset = Long.parseLong(parts[1]);
        return r -> r.partition() == partition && r.offset() == offset;
    }

    /** Every dead letter of the topics, a line each, and a count per topic. */
    void list(List<String> topics, PrintStream out) {
        for (String topic : topics) {
            List<ConsumerRecord<byte[], byte[]>> records = readAll(topic);
            out.printf("%s: %d dead letter(s)%n", topic, records.size());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                out.printf("  %d@%d  from %s-%s@%s  %s  %s  event %s (%s)%n      reason: %s%n", record.partition(), record.offset(),
                        header(record, ORIGINAL_TOPIC), header(record, ORIGINAL_PARTITION), header(record, ORIGINAL_OFFSET),
                        Instant.ofEpochMilli(record.timestamp()), record.key() == null ? "(no key)" : "key " + text(record.key()),
                        header(record, EventHeaders.EVENT_ID), header(record, EventHeaders.EVENT_TYPE), header(record, REASON));
            }
        }
    }

    /** Sends the matching dead letters of {@code topic} back where they came from; answers how many. */
    int replay(String topic, Predicate<ConsumerRecord<byte[], byte[]>> which, PrintStream out) {
        String deadLetters = deadLetterTopic(topic);
        int sent = 0;
        try (var producer = new KafkaProducer<byte[], byte[]>(producerConfig())) {
            for (ConsumerRecord<byte[], byte[]> record : readAll(deadLetters)) {
                if (!which.test(record)) {
                    continue;
                }
                ProducerRecord<byte[], byte[]> original = original(record, deadLetters);
                var metadata = producer.send(original).get();
                out.printf("  %d@%d -> %s-%d@%d  event %s%n", record.partition(), record.offset(), metadata.topic(),
                        metadata.partition(), metadata.offset(), header(record, EventHeaders.EVENT_ID));
                sent++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + deadLetters, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a replayed record of " + deadLetters + ": " + e.getCause(), e.getCause());
        }
        out.printf("%d dead letter(s) of %s sent back%n", sent, deadLetters);
        return sent;
    }

    /** The record as it was before it failed: its topic and partition, key, value and its own headers. */
    static ProducerRecord<byte[], byte[]> original(ConsumerRecord<byte[], byte[]> deadLetter, String deadLetterTopic) {
        String originalTopic = header(deadLetter, ORIGINAL_TOPIC);
        String topic = originalTopic.isEmpty() ? deadLetterTopic.substring(0, deadLetterTopic.length() - SUFFIX.length()) : originalTopic;
        String partition = header(deadLetter, ORIGINAL_PARTITION);
        var headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!FAILURE_HEADER.test(header.key())) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(topic, partition.isEmpty() ? deadLetter.partition() : Integer.valueOf(partition),
                deadLetter.key(), deadLetter.value(), headers);
    }

    /** Spring Kafka writes the original partition and offset as 4 and 8 big-endian bytes; the rest are text. */
    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        byte[] value = header == null ? null : header.value();
        if (value != null && name.equals(ORIGINAL_PARTITION) && value.length == Integer.BYTES) {
            return Integer.toString(ByteBuffer.wrap(value).getInt());
        }
        if (value != null && name.equals(ORIGINAL_OFFSET) && value.length == Long.BYTES) {
            return Long.toString(ByteBuffer.wrap(value).getLong());
        }
        return Objects.requireNonNullElse(EventHeaders.value(record.headers(), name), "");
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Everything on the topic now, from its first offset to its current end, without joining a group. */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return records;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private Properties consumerConfig() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putAll(KafkaAccessProvisioner.toolSettings());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private Properties producerConfig() {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putAll(KafkaAccessProvisioner.toolSettings());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
