package com.commercesuite.lag.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.lag.KafkaTestTopics;
import com.commercesuite.lag.LagProperties;
import com.commercesuite.lag.measure.PartitionLag.OldestUnconsumed;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The oldest-record reader against the local broker, on topics of its own. */
class OldestRecordReaderIntegrationTests {

    static final Instant OLD = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
    static final Instant RECENT = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);

    KafkaTestTopics kafka;
    KafkaConsumer<byte[], byte[]> consumer;
    OldestRecordReader reader;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestTopics();
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestTopics.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader = new OldestRecordReader(consumer,
                new LagProperties(Duration.ofSeconds(1), new LagProperties.Groups(".*", ""), Duration.ofSeconds(10), Duration.ofSeconds(10), null));
    }

    @AfterEach
    void close() {
        consumer.close();
        kafka.close();
    }

    @Test
    void readsTheRecordAtTheCommittedOffsetOnceAndThenRemembersIt() throws Exception {
        var partition = new TopicPartition(kafka.newTopic(1), 0);
        kafka.produce(partition, 3, OLD);
        kafka.produce(partition, 3, RECENT);
        var committedAt3 = new OffsetOnPartition(partition, 3);

        var first = reader.read(Set.of(committedAt3), Map.of(partition, 6L));
        var second = reader.read(Set.of(committedAt3), Map.of(partition, 6L));

        assertThat(first).containsEntry(committedAt3, new OldestUnconsumed.At(RECENT));
        assertThat(second).containsEntry(committedAt3, new OldestUnconsumed.At(RECENT));
        assertThat(reader.offsetsRead()).isEqualTo(1);
    }

    @Test
    void readsTwoGroupsBehindOnTheSamePartitionAtTheirOwnOffsets() throws Exception {
        var partition = new TopicPartition(kafka.newTopic(1), 0);
        kafka.produce(partition, 3, OLD);
        kafka.produce(partition, 3, RECENT);
        var slowGroup = new OffsetOnPartition(partition, 1);
        var fastGroup = new OffsetOnPartition(partition, 4);

        var found = reader.read(Set.of(slowGroup, fastGroup), Map.of(partition, 6L));

        assertThat(found).containsEntry(slowGroup, new OldestUnconsumed.At(OLD))
                .containsEntry(fastGroup, new OldestUnconsumed.At(RECENT));
    }

    @Test
    void aCommittedOffsetAlreadyDeletedByRetentionGivesTheEarliestRecordLeft() throws Exception {
        var partition = new TopicPartition(kafka.newTopic(1), 0);
        kafka.produce(partition, 5, OLD);
        kafka.produce(partition, 5, RECENT);
        // What retention does to the start of the log.
        kafka.admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(5))).all().get();
        var committedAt2 = new OffsetOnPartition(partition, 2);

        var found = reader.read(Set.of(committedAt2), Map.of(partition, 10L));

        assertThat(found).containsEntry(committedAt2, new OldestUnconsumed.At(RECENT));
    }
}
