package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays run as separate processes that the test kills for real: one dies between the broker's
 * acknowledgement and the mark, another is killed while it holds the relay lease and a standby takes
 * over. The test process only appends; its own relay is off.
 */
@SpringBootTest(properties = "commerce.outbox.relay.enabled=false")
class OutboxRelayCrashIntegrationTests {

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    final String run = "crash-" + UUID.randomUUID();
    RelayProcesses relays;

    /** Rows other tests left unpublished would otherwise fill the crashing relay's first batch. */
    @BeforeEach
    void noForeignBacklog() {
        jdbc.update("DELETE FROM outbox.event");
        relays = new RelayProcesses(bootstrapServers);
    }

    @AfterEach
    void killRelays() {
        relays.close();
    }

    @Test
    void aRelayKilledBetweenSendAndMarkLosesNothingAndTheEventsKeepTheirIds() throws Exception {
        try (var reader = new TopicReader(bootstrapServers, Topic.PRODUCT_ACTIVITY.topicName(), e -> e.aggregateId().equals(run))) {
            append(1, 300);

            Process crashing = relays.start("crashing", "--commerce.outbox.relay.batch-size=100",
                    "--commerce.outbox.producer.interceptor.classes=" + HaltAfterAcknowledgements.class.getName(),
                    "--commerce.outbox.producer.halt-after-acks=100");
            assertThat(crashing.waitFor(90, TimeUnit.SECONDS)).as("the relay halts after its first acknowledged batch").isTrue();
            assertThat(crashing.exitValue()).isEqualTo(137);
            assertThat(pending()).as("nothing was marked").isEqualTo(300);
            var sentBeforeTheCrash = await().atMost(Duration.ofSeconds(10)).until(reader::poll, r -> r.size() >= 100);

            relays.start("replacement");

            await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
            var received = await().atMost(Duration.ofSeconds(20)).until(reader::poll, r -> r.size() >= 300 + sentBeforeTheCrash.size());
            assertThat(received.stream().map(r -> r.envelope().aggregateSequence()).distinct().sorted())
                    .as("every event reached Kafka, no gap")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
            // A resent event is the same event: one eventId per sequence number.
            assertThat(received.stream().map(r -> r.envelope().eventId()).distinct()).hasSize(300);
        }
    }

    @Test
    void aStandbyRelayTakesOverWithinFiveSecondsWhenTheActiveOneIsKilled() throws Exception {
        try (var reader = new TopicReader(bootstrapServers, Topic.PRODUCT_ACTIVITY.topicName(), e -> e.aggregateId().equals(run))) {
            Process active = relays.start("active");
            append(1, 1);
            await().atMost(Duration.ofSeconds(60)).until(reader::poll, r -> r.size() == 1);
            Process standby = relays.start("standby");
            await().atMost(Duration.ofSeconds(60)).until(() -> relays.isReady(standby));

            active.destroyForcibly().waitFor();
            append(2, 20);

            await().atMost(Duration.ofSeconds(5)).until(reader::poll, r -> r.stream().map(x -> x.envelope().aggregateSequence()).distinct().count() == 20);
        }
    }

    private void append(int from, int to) {
        new TestAggregateEvents(outbox, transaction, jdbc, run).append(from, to);
    }

    private int pending() {
        return new TestAggregateEvents(outbox, transaction, jdbc, run).pending();
    }
}
