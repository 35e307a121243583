package com.commercesuite.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.RetryListener;

/**
 * Consuming events effectively once, for every service that has this library: the {@link Inbox}
 * (with its schema and cleanup) where there is a database, and the dead-letter error handler that
 * Boot's listener container factory picks up. Consumer defaults come from
 * {@link ConsumerDefaultsEnvironmentPostProcessor}. Off with {@code commerce.consumer.enabled=false}.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class},
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "commerce.consumer.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsumerProperties.class)
public class EventConsumerAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class InboxConfiguration {

        @Bean
        InboxSchemaMigration inboxSchemaMigration(DataSource dataSource) {
            return new InboxSchemaMigration(dataSource);
        }

        @Bean
        Inbox inbox(InboxSchemaMigration schema, DataSource dataSource) {
            return new Inbox(new JdbcTemplate(dataSource));
        }

        @Bean
        InboxCleaner inboxCleaner(InboxSchemaMigration schema, DataSource dataSource, ConsumerProperties properties) {
            var cleaner = new InboxCleaner(new JdbcTemplate(dataSource), properties.inboxRetention());
            cleaner.start(Duration.ofHours(1));
            return cleaner;
        }
    }

    @Bean
    @ConditionalOnBean(KafkaOperations.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetterErrorHandler(KafkaOperations<?, ?> kafkaTemplate, ConsumerProperties properties,
            ObjectProvider<MeterRegistry> registry, ObjectProvider<RetryListener> retryListeners) {
        return DeadLetterErrorHandler.create(kafkaTemplate, properties, registry.getIfAvailable(SimpleMeterRegistry::new),
                retryListeners.orderedStream().toList());
    }
}
