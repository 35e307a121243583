package com.commercesuite.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns the outbox on for a service that sets {@code commerce.outbox.enabled=true}: the schema, the
 * {@link Outbox} to append with, and (unless {@code commerce.outbox.relay.enabled=false}) the relay.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class},
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty("commerce.outbox.enabled")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    OutboxSchemaMigration outboxSchemaMigration(DataSource dataSource) {
        return new OutboxSchemaMigration(dataSource);
    }

    @Bean
    RelaySignal outboxRelaySignal() {
        return new RelaySignal();
    }

    @Bean
    Outbox outbox(OutboxSchemaMigration schema, DataSource dataSource, RelaySignal signal) {
        return new Outbox(new OutboxStore(new JdbcTemplate(dataSource)), clock, signal);
    }

    @Bean
    OutboxBacklog outboxBacklog(OutboxSchemaMigration schema, DataSource dataSource) {
        return new OutboxBacklog(new JdbcTemplate(dataSource));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "commerce.outbox.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(OutboxSchemaMigration schema, DataSource dataSource, RelaySignal signal,
            OutboxProperties properties, KafkaProperties kafkaProperties, ObjectProvider<MeterRegistry> registry) {
        return relay(dataSource, signal, properties, producerConfig(kafkaProperties, properties),
                registry.getIfAvailable(SimpleMeterRegistry::new), clock);
    }

    /** Assembles a relay and its parts; also used by the benchmark, which runs without a Spring context. */
    static OutboxRelay relay(DataSource dataSource, RelaySignal signal, OutboxProperties properties,
            Map<String, Object> producerConfig, MeterRegistry registry, Clock clock) {
        var relay = properties.relay();
        var metrics = new OutboxMetrics(registry, new JdbcTemplate(dataSource), clock, properties.metricsCacheTime());
        var leadership = new RelayLeadership(dataSource, relay.leaseTtl(), relay.leaseRenewInterval(), relay.networkTimeout(), metrics);
        metrics.watchLeadership(leadership);
        var publisher = new KafkaPublisher(
                () -> new KafkaProducer<>(producerConfig), relay.ackTimeout(),
                relay.partitionTimeout(), metrics::acknowledged);
        var marker = new PublishedMarker(dataSource, !properties.publishedRetention().isZero(), relay.networkTimeout());
        return new OutboxRelay(leadership, publisher, marker, signal, metrics, properties, clock);
    }

    /** Boot's spring.kafka settings, the service's overrides, then what the outbox's guarantees need. */
    static Map<String, Object> producerConfig(KafkaProperties kafkaProperties, OutboxProperties properties) {
        var config = new HashMap<String, Object>(kafkaProperties.buildProducerProperties());
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Fail fast while Kafka is down: the relay backs off and retries the rows itself.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        config.putAll(properties.producer());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }
}
