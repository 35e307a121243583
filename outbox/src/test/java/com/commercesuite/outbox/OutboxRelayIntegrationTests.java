package com.commercesuite.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.Topic;
import com.commercesuite.tracing.TraceContext;
import com.commercesuite.tracing.TraceContextHolder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay against real PostgreSQL and the real local Kafka broker. */
@SpringBootTest(properties = {
        "commerce.outbox.published-retention=3s",
        "commerce.outbox.cleanup-interval=500ms",
        // Small enough that the test's oversized record is refused by the producer, as a too-large record would be.
        "commerce.outbox.producer.max.request.size=200000"})
@DirtiesContext // the relay holds the database's relay lease: release it for the next test class
class OutboxRelayIntegrationTests {

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    /** A header of the caller's own, beside the standard ones. */
    static final String EXTRA_HEADER = "testNote";

    final String run = "relay-" + UUID.randomUUID();

    @Test
    void committedEventsReachKafkaWithKeyHeadersAndTheirEventId() {
        String aggregateId = run + "-a";
        try (var reader = new TopicReader(bootstrapServers, Topic.BALANCE_ACTIVITY.topicName(), e -> e.aggregateId().equals(aggregateId))) {
            var appended = transaction.execute(status -> outbox.append(
                    Topic.BALANCE_ACTIVITY, new TestEvent(aggregateId, 1), Map.of(EXTRA_HEADER, "extra-1")));

            var received = await().atMost(Duration.ofSeconds(20)).until(reader::poll, r -> !r.isEmpty()).getFirst();

            assertThat(received.key()).isEqualTo("user:" + aggregateId);
            assertThat(received.envelope().eventId()).isEqualTo(appended);
            assertThat(received.envelope().payloadAs(TestEvent.class)).isEqualTo(new TestEvent(aggregateId, 1));
            assertThat(received.headers())
                    .containsEntry(EventHeaders.EVENT_ID, appended.toString())
                    .containsEntry(EventHeaders.EVENT_TYPE, "TEST_EVENT")
                    .containsEntry(EventHeaders.AGGREGATE_ID, aggregateId)
                    .containsEntry(EventHeaders.OCCURRED_ON, received.envelope().occurredAt().toString())
                    .containsEntry(EventHeaders.AGGREGATE_SEQUENCE, "1")
                    .containsEntry(EXTRA_HEADER, "extra-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingRows(run) == 0);
        }
    }

    @Test
    void unkeyedEventsAreSpreadOverEveryPartitionRecordByRecord() {
        String aggregatePrefix = run + "-unkeyed-";
        int events = 30;
        try (var reader = new TopicReader(bootstrapServers, Topic.ORDER_COMPLETED.topicName(),
                e -> e.aggregateId().startsWith(aggregatePrefix))) {
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < events; i++) {
                    outbox.append(Topic.ORDER_COMPLETED, new TestEvent(aggregatePrefix + i, 1));
                }
            });

            var received = await().atMost(Duration.ofSeconds(20))
                    .until(reader::poll, r -> r.size() == events);

            assertThat(received).allSatisfy(r -> assertThat(r.key()).isNull());
            // One batch of 30 would all go to one partition with the producer's sticky choice.
            assertThat(received.stream().map(TopicReader.Received::partition).distinct())
                    .hasSize(Topic.ORDER_COMPLETED.partitions());
            assertThat(received).allSatisfy(r -> assertThat(r.partition()).isEqualTo(
                    Math.floorMod(r.envelope().eventId().hashCode(), Topic.ORDER_COMPLETED.partitions())));
        }
    }

    @Test
    void anEventAppendedWhileATraceContextIsBoundCarriesItsTraceparentAndRequestId() {
        String aggregateId = run + "-traced";
        TraceContext context = TraceContext.startTrace("request-" + run);
        try (var reader = new TopicReader(bootstrapServers, Topic.BALANCE_ACTIVITY.topicName(), e -> e.aggregateId().equals(aggregateId))) {
            try (var scope = TraceContextHolder.bind(context)) {
                transaction.executeWithoutResult(status -> outbox.append(Topic.BALANCE_ACTIVITY, new TestEvent(aggregateId, 1)));
            }

            var received = await().atMost(Duration.ofSeconds(20)).until(reader::poll, r -> !r.isEmpty()).getFirst();

            assertThat(received.headers())
                    .containsEntry(EventHeaders.TRACEPARENT, context.traceparent())
                    .containsEntry(EventHeaders.REQUEST_ID, "request-" + run)
                    .containsKeys(EventHeaders.EVENT_ID, EventHeaders.EVENT_TYPE, EventHeaders.AGGREGATE_ID, EventHeaders.OCCURRED_ON);
            // Kept with the published row too, for as long as the retention keeps it.
            var published = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                    "SELECT traceparent, request_id FROM outbox.published_event WHERE aggregate_id = ?", aggregateId), r -> !r.isEmpty());
            assertThat(published.getFirst()).containsEntry("traceparent", context.traceparent())
                    .containsEntry("request_id", "request-" + run);
        }
    }

    @Test
    void anEventAppendedOutsideAnyTraceContextCarriesNoTraceHeaders() {
        String aggregateId = run + "-untraced";
        try (var reader = new TopicReader(bootstrapServers, Topic.BALANCE_ACTIVITY.topicName(), e -> e.aggregateId().equals(aggregateId))) {
            transaction.executeWithoutResult(status -> outbox.append(Topic.BALANCE_ACTIVITY, new TestEvent(aggregateId, 1)));

            var received = await().atMost(Duration.ofSeconds(20)).until(reader::poll, r -> !r.isEmpty()).getFirst();

            assertThat(received.headers()).containsKey(EventHeaders.EVENT_ID)
                    .doesNotContainKeys(EventHeaders.TRACEPARENT, EventHeaders.REQUEST_ID);
        }
    }

    @Test
    void eachAggregatesEventsArriveInSequenceUnderConcurrentWriters() throws Exception {
        int aggregates = 5;
        int eventsEach = 60;
        try (var reader = new TopicReader(bootstrapServers, Topic.PRODUCT_ACTIVITY.topicName(), e -> e.aggregateId().startsWith(run))) {
            try (var pool = Executors.newFixedThreadPool(aggregates * 2)) {
                List<Callable<Void>> writers = new ArrayList<>();
                for (int w = 0; w < aggregates * 2; w++) {
                    String aggregateId = run + "-" + (w % aggregates);
                    writers.add(() -> {
                        for (int i = 0; i < eventsEach / 2; i++) {
                            transaction.executeWithoutResult(s -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 0)));
                        }
                        return null;
                    });
                }
                for (var future : pool.invokeAll(writers)) {
                    future.get();
                }
            }

            var received = await().atMost(Duration.ofSeconds(30)).until(reader::poll, r -> r.size() >= aggregates * eventsEach);

            Map<String, List<Long>> sequencesByAggregate = received.stream().collect(Collectors.groupingBy(
                    r -> r.envelope().aggregateId(),
                    Collectors.mapping(r -> r.envelope().aggregateSequence(), Collectors.toList())));
            assertThat(sequencesByAggregate).hasSize(aggregates);
            sequencesByAggregate.values().forEach(sequences -> assertThat(sequences).isSortedAccordingTo(Comparator.naturalOrder())
                    .doesNotHaveDuplicates()
                    .hasSize(eventsEach));
        }
    }

    @Test
    void aRecordThatCanNeverBeSentIsSetAsideAndTheRowsBehindItStillGo() {
        String tooLarge = run + "-large";
        String behind = run + "-behind";
        try (var reader = new TopicReader(bootstrapServers, Topic.PRODUCT_ACTIVITY.topicName(), e -> e.aggregateId().startsWith(run))) {
            transaction.executeWithoutResult(status -> {
                outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(tooLarge, 1, "x".repeat(300_000)));
                outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(behind, 2));
            });

            var received = await().atMost(Duration.ofSeconds(20)).until(reader::poll, r -> !r.isEmpty());

            assertThat(received).extracting(r -> r.envelope().aggregateId()).containsExactly(behind);
            String reason = jdbc.queryForObject(
                    "SELECT failure_reason FROM outbox.event WHERE aggregate_id = ? AND failed_at IS NOT NULL", String.class, tooLarge);
            assertThat(reason).startsWith("RecordTooLargeException");
            assertThat(meters.get("outbox.publish.failures").tag("kind", "set_aside").counter().count()).isPositive();
        }
    }

    @Test
    void publishedRowsAreDeletedAfterTheRetention() {
        String aggregateId = run + "-retained";
        transaction.executeWithoutResult(status -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, 1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbox.published_event WHERE aggregate_id = ?", Integer.class, aggregateId) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE aggregate_id = ?", Integer.class, aggregateId)).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbox.published_event WHERE aggregate_id = ?", Integer.class, aggregateId) == 0);
    }

    @Test
    void publishingIsVisibleInTheMetrics() {
        String aggregateId = run + "-metrics";
        transaction.executeWithoutResult(status -> outbox.append(Topic.USER_ACTIVITY, new TestEvent(aggregateId, 1)));

        await().atMost(Duration.ofSeconds(20)).until(() -> meters.find("outbox.events.published")
                .tag("topic", "user-activity").counter() != null);
        assertThat(meters.get("outbox.commit.to.ack").timer().count()).isPositive();
        // The batch's parts are recorded once its last acknowledgement is in, just after the counter above.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (String phase : List.of("awaiting_mark", "reading", "sending")) {
                assertThat(meters.get("outbox.relay.batch").tag("phase", phase).timer().count()).as(phase).isPositive();
            }
        });
        assertThat(meters.get("outbox.relay.batch").tag("phase", "sending").timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(meters.get("outbox.relay.leader").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("outbox.backlog.rows").gauge().value()).isGreaterThanOrEqualTo(0.0);
        assertThat(meters.get("outbox.oldest.unpublished.age").gauge().value()).isGreaterThanOrEqualTo(0.0);
    }

    private int pendingRows(String aggregatePrefix) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE aggregate_id LIKE ? AND failed_at IS NULL",
                Integer.class, aggregatePrefix + "%");
    }
}
