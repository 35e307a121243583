package com.commercesuite.consumer;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How every consumer of the suite reads Kafka, as the lowest-precedence defaults (a service's own
 * configuration wins): the listener parses the envelope itself, so bad JSON is an ordinary,
 * non-retryable failure; the container commits the offsets of records whose listener returned,
 * that is whose effects' transactions committed, at most a second later; a new group reads the
 * whole retained log; and the KIP-848 consumer group protocol rebalances incrementally.
 */
class ConsumerDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "commerceConsumerDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.ofEntries(
                Map.entry("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer"),
                Map.entry("spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
                Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
                Map.entry("spring.kafka.consumer.enable-auto-commit", "false"),
                Map.entry("spring.kafka.consumer.properties[group.protocol]", "consumer"),
                // Counts events that arrive older than their aggregate's last (a keyed topic that grew).
                Map.entry("spring.kafka.consumer.properties[interceptor.classes]", AggregateOrderWatch.class.getName()),
                // The template publishes dead letters: the failed record's original key and bytes.
                Map.entry("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer"),
                Map.entry("spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"),
                Map.entry("spring.kafka.producer.acks", "all"),
                // Offsets of records whose effects committed, at most once a second (and at once when
                // partitions are revoked or the container stops), not after every poll: each commit
                // is a replicated write that the listener waits for before its next poll. A crash
                // redelivers up to a second of records, whose ids the inbox knows.
                Map.entry("spring.kafka.listener.ack-mode", "time"),
                Map.entry("spring.kafka.listener.ack-time", "1s"),
                // Short polls: with the KIP-848 consumer, assignment callbacks run on the listener
                // thread between polls, and an idle member (a newcomer waiting for its partition)
                // is inside a poll: 100 ms here is 100 ms at most added to every handover.
                Map.entry("spring.kafka.listener.poll-timeout", "100ms"),
                // While no broker answers, every client logs each of its rebootstraps at INFO, thousands
                // of lines a second in an outage; the connection warnings that remain say enough.
                Map.entry("logging.level.org.apache.kafka.clients.Metadata", "warn"))));
        if (environment.getProperty("commerce.consumer.enabled", Boolean.class, true)
                && environment.getProperty("commerce.consumer.assignment-watch.enabled", Boolean.class, true)) {
            // A service whose consumer is stuck without partitions is not ready (ConsumerAssignmentWatch).
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME + "Readiness",
                    Map.of("management.endpoint.health.group.readiness.include", "readinessState,kafkaConsumers")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
