package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Kafka is down while the service writes: the writes succeed, the backlog grows, and it drains by
 * itself once a broker answers on the address the relay was given. The broker here is a second real
 * KRaft broker started by the test, so the suite's shared broker is never stopped.
 */
@SpringBootTest(properties = {"commerce.outbox.relay.retry-backoff=300ms", "commerce.outbox.metrics-cache-time=0s"})
@DirtiesContext
class OutboxKafkaOutageIntegrationTests {

    static final int PORT = freePort();
    static EmbeddedKafkaKraftBroker broker;

    @DynamicPropertySource
    static void kafkaThatIsNotThereYet(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    final String run = "outage-" + UUID.randomUUID();

    @Test
    void writesGoOnWhileKafkaIsDownAndTheBacklogDrainsWhenItIsBack() {
        for (int i = 1; i <= 50; i++) {
            int n = i;
            transaction.executeWithoutResult(status -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(run, n)));
        }
        assertThat(pending()).isEqualTo(50);
        await().atMost(Duration.ofSeconds(30)).until(() -> meters.get("outbox.publish.failures").tag("kind", "retriable").counter().count() > 0);
        assertThat(pending()).isEqualTo(50);
        assertThat(meters.get("outbox.backlog.rows").gauge().value()).isGreaterThanOrEqualTo(50.0);

        broker = new EmbeddedKafkaKraftBroker(1, Topic.DEFAULT_PARTITIONS, Topic.PRODUCT_ACTIVITY.topicName()).kafkaPorts(PORT);
        broker.afterPropertiesSet();

        await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
        try (var reader = new TopicReader(broker.getBrokersAsString(), Topic.PRODUCT_ACTIVITY.topicName(), e -> e.aggregateId().equals(run), true)) {
            var received = await().atMost(Duration.ofSeconds(20)).until(reader::poll, r -> r.size() >= 50);
            assertThat(received.stream().map(r -> r.envelope().aggregateSequence()).distinct().sorted())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
    }

    private int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE aggregate_id = ? AND published_at IS NULL", Integer.class, run);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
