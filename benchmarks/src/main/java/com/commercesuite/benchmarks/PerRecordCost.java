package com.commercesuite.benchmarks;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * What the consumer benchmark adds to the instances it starts ({@code --spring.main.sources}, with
 * this module's classes on the jar's loader path): every poll waits {@code bench.per-record-cost}
 * per record before the listener gets it, like a call to another system would, so that the
 * benchmark measures how instances share the partitions rather than how fast one JVM parses JSON.
 * Boot's listener container factory, which the service's own factory is built with, picks the
 * interceptor up for both listeners. Outside the service's packages, so that its component scan
 * never finds it: only {@code spring.main.sources} adds it.
 */
@Configuration(proxyBeanMethods = false)
public class PerRecordCost {

    @Bean
    BatchInterceptor<Object, Object> waitPerRecord(@Value("${bench.per-record-cost}") Duration cost) {
        return new BatchInterceptor<>() {
            @Override
            public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                    Consumer<Object, Object> consumer) {
                try {
                    Thread.sleep(cost.multipliedBy(records.count()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return records;
            }
        };
    }
}
