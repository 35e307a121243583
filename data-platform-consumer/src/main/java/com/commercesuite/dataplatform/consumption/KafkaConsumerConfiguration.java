package com.commercesuite.dataplatform.consumption;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.core.JacksonException;

/**
 * How every listener of this service consumes: offsets committed by the container after the
 * listener returned (the listener's own database transaction is committed by then), a bounded
 * exponential backoff for transient failures, and then the record's {@code <topic>.DLT} twin, same
 * partition, so the partition keeps moving. Records that no retry can fix (unreadable JSON, unknown
 * type or schema version) go to the DLT at once.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfiguration {

    /** Header carrying why the record was dead-lettered, next to Spring Kafka's kafka_dlt-* headers. */
    static final String DLT_REASON = "dltReason";

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            KafkaOperations<Object, Object> kafkaTemplate,
            ConsumerMetrics metrics) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(errorHandler(kafkaTemplate, metrics));
        factory.getContainerProperties().setConsumerRebalanceListener(rebalanceListener(metrics));
        return factory;
    }

    static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> kafkaTemplate, ConsumerMetrics metrics) {
        var recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(record.topic() + ".DLT", record.partition()));
        recoverer.addHeadersFunction((record, exception) -> {
            var headers = new RecordHeaders();
            headers.add(DLT_REASON, reason(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        var backOff = new ExponentialBackOffWithMaxRetries(3);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(1_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(JacksonException.class, UnprocessableEventException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
                metrics.failed(record.topic());
            }
        });
        return handler;
    }

    /** The innermost cause's type and message: what went wrong, without the listener wrapping. */
    static String reason(Throwable exception) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(exception);
        String message = root.getMessage();
        return root.getClass().getSimpleName() + ": " + (message == null ? "(no message)" : message);
    }

    static ConsumerAwareRebalanceListener rebalanceListener(ConsumerMetrics metrics) {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                metrics.partitionsAssigned(partitions);
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                metrics.partitionsRevoked(partitions, "revoked");
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                metrics.partitionsRevoked(partitions, "lost");
            }
        };
    }
}
