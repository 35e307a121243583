package com.commercesuite.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A listener that can never join its group (its consumer talks to an address where no broker
 * answers, as a member whose coordinator never loads) beside listeners that join the local
 * cluster: the stranded one is reported stuck and restarted again and again, the others never.
 */
@SpringBootTest(properties = {
        "commerce.consumer.assignment-watch.check-interval=200ms",
        "commerce.consumer.assignment-watch.stuck-after=2s"})
class ConsumerAssignmentWatchIntegrationTests {

    static final String BOOTSTRAP = EventConsumerIntegrationTests.BOOTSTRAP;
    static final String TOPIC = "event-consumer-watch-test-" + UUID.randomUUID();
    static final String STRANDED_TOPIC = "event-consumer-stranded-test-" + UUID.randomUUID();

    /** The watch's meters land here, as in a service's Prometheus registry. */
    @TestConfiguration
    static class Meters {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    ConsumerAssignmentWatch watch;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        registry.add("test.topic", () -> TOPIC);
        registry.add("test.forward-topic", () -> TOPIC);
        registry.add("test.command-topic", () -> TOPIC);
        registry.add("test.stranded-topic", () -> STRANDED_TOPIC);
    }

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()),
                    new NewTopic(STRANDED_TOPIC, Optional.of(1), Optional.empty()))).all().get();
        }
    }

    @AfterAll
    static void deleteTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.deleteTopics(List.of(TOPIC, STRANDED_TOPIC)).all().get();
        }
    }

    @Test
    void aListenerThatCannotJoinIsStuckNotReadyAndRestartedWhileTheOthersAreNot() {
        await("the stranded listener restarted twice").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var restarts = meters.find("commerce.consumer.restarts").tag("listener", "stranded").counter();
            assertThat(restarts).isNotNull();
            assertThat(restarts.count()).isGreaterThanOrEqualTo(2);
        });

        ListenerAssignment stranded = listener("stranded");
        assertThat(watch.stuck(stranded)).as("still stuck after its restarts: it never joined").isTrue();
        assertThat(meters.get("commerce.consumer.stuck").tag("listener", "stranded").gauge().value()).isEqualTo(1);
        var health = new ConsumerAssignmentHealthIndicator(watch).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("stranded"))).startsWith("stuck");

        ListenerAssignment notes = listener("notes");
        assertThat(notes.assignedPartitions()).as("a listener of the cluster holds its partition").isEqualTo(1);
        assertThat(watch.stuck(notes)).isFalse();
        assertThat(meters.find("commerce.consumer.restarts").tag("listener", "notes").counter()).isNull();
    }

    private ListenerAssignment listener(String id) {
        return watch.listeners().stream().filter(l -> l.listenerId().equals(id)).findFirst().orElseThrow();
    }
}
