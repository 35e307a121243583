package com.commercesuite.dataplatform.consumption;

import com.commercesuite.events.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.commercesuite.consumer.PollObserver;
import com.commercesuite.events.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The consumer's meters, all tagged {@code topic}:
 * {@code dataplatform.records.processed} (effect applied), {@code dataplatform.records.duplicates}
 * (already processed, skipped), {@code dataplatform.records.failed} (sent to the DLT),
 * {@code dataplatform.processing.time}, {@code dataplatform.end.to.end.latency} (now minus the
 * envelope's occurredAt), {@code dataplatform.consumer.rebalances} (also tagged {@code change}:
 * assigned, revoked, lost) and the gauge {@code dataplatform.consumer.assigned.partitions}.
 */
@Component
public class ConsumerMetrics implements PollObserver {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Set<String> gaugedTopics = ConcurrentHashMap.newKeySet();
    private final Map<String, TopicMeters> meters = new ConcurrentHashMap<>();

    ConsumerMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        // Served from the start, at zero, for the topics this service consumes.
        for (Topic consumed : new Topic[] {Topic.ORDER_COMPLETED, Topic.USER_ACTIVITY}) {
            meters(consumed.topicName());
            gaugeAssigned(consumed.topicName());
        }
    }

    @Override
    public void applied(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, Duration share) {
        processed(record.topic(), envelope.occurredAt(), share);
    }

    @Override
    public void duplicate(ConsumerRecord<String, byte[]> record, Duration share) {
        duplicate(record.topic(), share);
    }

    /** @param handling this record's share of its poll's handling time */
    void processed(String topic, Instant occurredAt, Duration handling) {
        TopicMeters meters = meters(topic);
        meters.processing().record(handling);
        meters.processed().increment();
        Duration latency = Duration.between(occurredAt, clock.instant());
        meters.latency().record(latency.isNegative() ? Duration.ZERO : latency);
    }

    void duplicate(String topic, Duration handling) {
        TopicMeters meters = meters(topic);
        meters.processing().record(handling);
        meters.duplicates().increment();
    }

    void failed(String topic) {
        meters(topic).failed().increment();
    }

    void partitionsAssigned(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> gaugeAssigned(tp.topic()));
        assigned.addAll(partitions);
        countRebalance("assigned", partitions);
    }

    void partitionsRevoked(Collection<TopicPartition> partitions, String change) {
        assigned.removeAll(partitions);
        countRebalance(change, partitions);
    }

    private void countRebalance(String change, Collection<TopicPartition> partitions) {
        partitions.stream().map(TopicPartition::topic).distinct().forEach(topic ->
                Counter.builder("dataplatform.consumer.rebalances")
                        .description("Partition assignment changes seen by this instance")
                        .tag("topic", topic).tag("change", change)
                        .register(registry).increment());
    }

    private void gaugeAssigned(String topic) {
        if (gaugedTopics.add(topic)) {
            Gauge.builder("dataplatform.consumer.assigned.partitions", assigned,
                            set -> set.stream().filter(tp -> tp.topic().equals(topic)).count())
                    .description("Partitions of the topic currently assigned to this instance")
                    .tag("topic", topic)
                    .register(registry);
        }
    }

    /** One topic's meters, built once: records are counted on the hot path. */
    private record TopicMeters(Counter processed, Counter duplicates, Counter failed, Timer processing, Timer latency) {
    }

    private TopicMeters meters(String topic) {
        return meters.computeIfAbsent(topic, t -> new TopicMeters(
                Counter.builder("dataplatform.records.processed")
                        .description("Records whose effect was applied")
                        .tag("topic", t).register(registry),
                Counter.builder("dataplatform.records.duplicates")
                        .description("Records skipped because their event id was already processed")
                        .tag("topic", t).register(registry),
                Counter.builder("dataplatform.records.failed")
                        .description("Records given up on and sent to the dead-letter topic")
                        .tag("topic", t).register(registry),
                Timer.builder("dataplatform.processing.time")
                        .description("Time to handle one record: its share of its poll's handling, database transaction included")
                        .tag("topic", t).register(registry),
                Timer.builder("dataplatform.end.to.end.latency")
                        .description("From the event's occurredAt to its effect being committed here")
                        .tag("topic", t)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(10))
                        .register(registry)));
    }
}
