package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * acknowledgement and the mark, another is killed while it holds the relay lock and a standby takes
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
    final List<Process> relays = new ArrayList<>();
    final Map<Process, Path> logs = new HashMap<>();

    /** Rows other tests left unpublished would otherwise fill the crashing relay's first batch. */
    @BeforeEach
    void noForeignBacklog() {
        jdbc.update("DELETE FROM outbox.event");
    }

    @AfterEach
    void killRelays() {
        relays.forEach(Process::destroyForcibly);
    }

    @Test
    void aRelayKilledBetweenSendAndMarkLosesNothingAndTheEventsKeepTheirIds() throws Exception {
        try (var reader = new TopicReader(bootstrapServers, Topic.PRODUCT_ACTIVITY.topicName(), e -> e.aggregateId().equals(run))) {
            append(1, 300);

            Process crashing = startRelay("crashing", "--commerce.outbox.relay.batch-size=100",
                    "--commerce.outbox.producer.interceptor.classes=" + HaltAfterAcknowledgements.class.getName(),
                    "--commerce.outbox.producer.halt-after-acks=100");
            assertThat(crashing.waitFor(90, TimeUnit.SECONDS)).as("the relay halts after its first acknowledged batch").isTrue();
            assertThat(crashing.exitValue()).isEqualTo(137);
            assertThat(pending()).as("nothing was marked").isEqualTo(300);
            var sentBeforeTheCrash = await().atMost(Duration.ofSeconds(10)).until(reader::poll, r -> r.size() >= 100);

            startRelay("replacement");

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
            Process active = startRelay("active");
            append(1, 1);
            await().atMost(Duration.ofSeconds(60)).until(reader::poll, r -> r.size() == 1);
            Process standby = startRelay("standby");
            await().atMost(Duration.ofSeconds(60)).until(() -> isReady(standby));

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

    /** The relay process logs that its context started; until then it cannot stand by. */
    private boolean isReady(Process relay) throws IOException {
        return relay.isAlive() && Files.readString(logs.get(relay)).contains("Started OutboxTestApplication");
    }

    private Process startRelay(String name, String... args) throws IOException {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                OutboxTestApplication.class.getName(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--commerce.outbox.relay.leader-check-interval=500ms"));
        command.addAll(List.of(args));
        File log = new File("target/relay-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        relays.add(process);
        logs.put(process, log.toPath());
        return process;
    }

}
