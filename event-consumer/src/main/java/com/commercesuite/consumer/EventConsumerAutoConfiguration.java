package com.commercesuite.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;

/**
 * The dead-letter error handler and the trace context interceptor that Boot's listener container
 * factory picks up (a service's own factory too, when built with Boot's configurer), and the watch
 * that restarts a listener stuck without partitions, for every service that has this library; the inbox comes from {@link InboxAutoConfiguration}. Consumer
 * defaults come from {@link ConsumerDefaultsEnvironmentPostProcessor}. Off with
 * {@code commerce.consumer.enabled=false}; the interceptor alone with {@code commerce.tracing.enabled=false}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "commerce.consumer.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsumerProperties.class)
public class EventConsumerAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaOperations.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetterErrorHandler(KafkaOperations<?, ?> kafkaTemplate, ConsumerProperties properties,
            ObjectProvider<MeterRegistry> registry, ObjectProvider<RetryListener> retryListeners) {
        return DeadLetterErrorHandler.create(kafkaTemplate, properties, registry.getIfAvailable(SimpleMeterRegistry::new),
                retryListeners.orderedStream().toList());
    }

    /** Its health, {@code kafkaConsumers}, comes from {@link ConsumerAssignmentHealthAutoConfiguration}. */
    @Bean
    @ConditionalOnBean({KafkaListenerEndpointRegistry.class, KafkaAdmin.class})
    @ConditionalOnBooleanProperty(name = "commerce.consumer.assignment-watch.enabled", matchIfMissing = true)
    ConsumerAssignmentWatch consumerAssignmentWatch(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin,
            ConsumerProperties properties, ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
        return new ConsumerAssignmentWatch(listeners, kafkaAdmin, properties.assignmentWatch(),
                registry.getIfAvailable(SimpleMeterRegistry::new), clock.getIfAvailable(Clock::systemUTC));
    }

    /** Boot's factory takes a unique RecordInterceptor bean: a service that declares its own replaces this one. */
    @Bean
    @ConditionalOnBooleanProperty(name = "commerce.tracing.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean(RecordInterceptor.class)
    RecordInterceptor<Object, Object> traceContextRecordInterceptor() {
        return new TraceContextRecordInterceptor();
    }
}
