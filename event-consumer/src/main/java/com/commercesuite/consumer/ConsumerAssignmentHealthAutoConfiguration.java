package com.commercesuite.consumer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@code kafkaConsumers} in the health endpoint, for a service with an actuator and the assignment
 * watch; the consumer defaults put it in the readiness group.
 */
@AutoConfiguration(after = EventConsumerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ConsumerAssignmentWatch.class)
public class ConsumerAssignmentHealthAutoConfiguration {

    @Bean
    HealthIndicator kafkaConsumersHealthIndicator(ConsumerAssignmentWatch watch) {
        return new ConsumerAssignmentHealthIndicator(watch);
    }
}
