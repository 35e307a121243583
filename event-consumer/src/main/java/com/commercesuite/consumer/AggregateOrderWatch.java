package com.commercesuite.consumer;

import com.commercesuite.events.EventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when an aggregate's events arrive out of their order: a record whose per-aggregate
 * sequence (the envelope's, in the {@code aggregateSequence} header) is older than one already seen
 * for that aggregate on another partition of the topic. A key stays on one partition while a topic
 * keeps its partition count, so this happens when a keyed topic gained partitions and the key moved
 * while its older events still waited on the old partition. A redelivery on the same partition
 * (after a crash or a rebalance) is not counted: the inbox absorbs those.
 *
 * <p>Counted as {@code commerce.consumer.sequence.regressions} (tagged by topic) and logged with the
 * ids. A Kafka client interceptor, so record and batch listeners alike are watched; the registry is
 * Micrometer's global one, which Boot binds to the application's. The last sequences seen are kept
 * for the most recent {@value #AGGREGATES_KEPT} aggregates, shared by the consumers of the JVM (a
 * key that moves may move to another consumer of the same service).
 */
public final class AggregateOrderWatch implements ConsumerInterceptor<Object, Object> {

    static final int AGGREGATES_KEPT = 100_000;
    private static final Logger log = LoggerFactory.getLogger(AggregateOrderWatch.class);

    private record Seen(int partition, long sequence) {
    }

    private static final Map<String, Seen> LAST_SEEN = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > AGGREGATES_KEPT;
        }
    };

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        for (ConsumerRecord<Object, Object> record : records) {
            String type = EventHeaders.value(record.headers(), EventHeaders.AGGREGATE_TYPE);
            String id = EventHeaders.value(record.headers(), EventHeaders.AGGREGATE_ID);
            String sequence = EventHeaders.value(record.headers(), EventHeaders.AGGREGATE_SEQUENCE);
            if (type != null && id != null && sequence != null) {
                observe(record, type, id, Long.parseLong(sequence));
            }
        }
        return records;
    }

    private static void observe(ConsumerRecord<?, ?> record, String type, String id, long sequence) {
        Seen before;
        synchronized (LAST_SEEN) {
            String aggregate = record.topic() + '\u0000' + type + '\u0000' + id;
            before = LAST_SEEN.get(aggregate);
            if (before == null || sequence > before.sequence()) {
                LAST_SEEN.put(aggregate, new Seen(record.partition(), sequence));
            }
        }
        if (before != null && before.partition() != record.partition() && sequence < before.sequence()) {
            log.warn("{} {} event {} (sequence {}) arrived on {}-{}@{} after its sequence {} on partition {}: the topic gained"
                            + " partitions and the key moved while older events waited; it is applied, out of order",
                    type, id, EventHeaders.value(record.headers(), EventHeaders.EVENT_ID), sequence, record.topic(), record.partition(),
                    record.offset(), before.sequence(), before.partition());
            Counter.builder("commerce.consumer.sequence.regressions")
                    .description("Events older than one already seen for their aggregate on another partition (a keyed topic grew)")
                    .tag("topic", record.topic()).register(Metrics.globalRegistry).increment();
        }
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
