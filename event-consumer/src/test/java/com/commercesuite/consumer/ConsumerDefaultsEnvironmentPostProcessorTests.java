package com.commercesuite.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConsumerDefaultsEnvironmentPostProcessorTests {

    private final StandardEnvironment environment = new StandardEnvironment();

    private void postProcess() {
        new ConsumerDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void boundsAHandoverByShortPolls() {
        postProcess();

        assertThat(environment.getProperty("spring.kafka.listener.poll-timeout")).isEqualTo("100ms");
        // The 4.1 client's heartbeat backoff needed a cap (KAFKA-19813); the 4.3 client keeps its own default.
        assertThat(environment.getProperty("spring.kafka.consumer.properties[retry.backoff.max.ms]")).isNull();
        assertThat(environment.getProperty("spring.kafka.consumer.properties[group.protocol]")).isEqualTo("consumer");
        assertThat(environment.getProperty("spring.kafka.listener.ack-mode")).isEqualTo("time");
        assertThat(environment.getProperty("spring.kafka.listener.ack-time")).isEqualTo("1s");
    }

    @Test
    void aServicesOwnConfigurationWins() {
        environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(
                "spring.kafka.listener.poll-timeout", "2s",
                "spring.kafka.listener.ack-mode", "record")));

        postProcess();

        assertThat(environment.getProperty("spring.kafka.listener.poll-timeout")).isEqualTo("2s");
        assertThat(environment.getProperty("spring.kafka.listener.ack-mode")).isEqualTo("record");
    }

    @Test
    void readinessWaitsForTheConsumersUnlessTheirWatchIsOff() {
        postProcess();
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,kafkaConsumers");

        StandardEnvironment watchOff = new StandardEnvironment();
        watchOff.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of("commerce.consumer.assignment-watch.enabled", "false")));
        new ConsumerDefaultsEnvironmentPostProcessor().postProcessEnvironment(watchOff, new SpringApplication());
        assertThat(watchOff.getProperty("management.endpoint.health.group.readiness.include")).isNull();
    }
}
