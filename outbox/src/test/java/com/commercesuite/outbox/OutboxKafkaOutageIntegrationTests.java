package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Kafka crashes while the service writes: the writes succeed, the backlog grows, and it drains by
 * itself once the broker is back. The broker is a second real one owned by this test, so the
 * suite's shared broker is never stopped.
 */
@SpringBootTest(properties = {"commerce.outbox.relay.retry-backoff=300ms", "commerce.outbox.metrics-cache-time=0s"})
@DirtiesContext
class OutboxKafkaOutageIntegrationTests {

    static final BrokerProcess broker = startBroker();

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
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
    void writesGoOnWhileKafkaIsDownAndTheBacklogDrainsWhenItIsBack() throws Exception {
        append(1, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

        broker.kill();
        append(11, 60);
        assertThat(pending()).as("every write was accepted and waits").isEqualTo(50);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> meters.get("outbox.publish.failures").tag("kind", "retriable").counter().count() > 0);
        assertThat(pending()).isEqualTo(50);
        assertThat(meters.get("outbox.backlog.rows").gauge().value()).isGreaterThanOrEqualTo(50.0);

        broker.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
        try (var reader = new TopicReader(broker.bootstrapServers(), Topic.PRODUCT_ACTIVITY.topicName(), e -> e.aggregateId().equals(run), true)) {
            var received = await().atMost(Duration.ofSeconds(20)).until(reader::poll, r -> r.size() >= 60);
            assertThat(received.stream().map(r -> r.envelope().aggregateSequence()).distinct().sorted())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
        }
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        broker.close();
    }

    private void append(int from, int to) {
        new TestAggregateEvents(outbox, transaction, jdbc, run).append(from, to);
    }

    private int pending() {
        return new TestAggregateEvents(outbox, transaction, jdbc, run).pending();
    }

    private static BrokerProcess startBroker() {
        try {
            var broker = new BrokerProcess(Path.of("target", "outage-broker-" + UUID.randomUUID()));
            broker.start();
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
