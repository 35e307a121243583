package com.commercesuite.dataplatform.useractivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.commercesuite.consumer.DeadLetterErrorHandler;
import com.commercesuite.dataplatform.ConsumerHttp;
import com.commercesuite.dataplatform.testevents.CouponReceived;
import com.commercesuite.dataplatform.testevents.OrderPlaced;
import com.commercesuite.dataplatform.testevents.UserChargedBalance;
import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import com.commercesuite.testsupport.TopicWriter;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The user-activity consumer against the real local Kafka and PostgreSQL: events are published as
 * the producing services' relays would (TopicWriter: envelope, {@code user:{id}} key, standard
 * headers); each test uses users of its own, so other runs' and services' records do not matter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UserActivityConsumerIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TOPIC = Topic.USER_ACTIVITY.topicName();
    /** User ids no other run picks: a random base far above anything the services generate. */
    private static final AtomicLong USERS = new AtomicLong(
            2_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private TopicWriter writer;

    @BeforeEach
    void openWriter() {
        writer = new TopicWriter(bootstrapServers);
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @Test
    void recordsEveryKindOfUserActionOnceEvenWhenAnEventIsDeliveredTwice() {
        long user = USERS.incrementAndGet();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope placed = TopicWriter.envelopeOf(new OrderPlaced(user, 11, now));
        EventEnvelope received = TopicWriter.envelopeOf(new CouponReceived(user, 22, "welcome", now));
        EventEnvelope charged = TopicWriter.envelopeOf(new UserChargedBalance(user, new BigDecimal("10.00"), new BigDecimal("10.00")));

        writer.send(Topic.USER_ACTIVITY, placed);
        writer.send(Topic.USER_ACTIVITY, received);
        writer.send(Topic.USER_ACTIVITY, placed); // a redelivery: same event id
        // Same user, so same partition, after the copy: once it is recorded, both copies were handled.
        writer.send(Topic.USER_ACTIVITY, charged);
        writer.flush();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(factsOf(user)).containsKey(charged.eventId()));
        assertThat(factsOf(user)).isEqualTo(Map.of(
                placed.eventId(), "ORDER_PLACED",
                received.eventId(), "COUPON_RECEIVED",
                charged.eventId(), "USER_CHARGED_BALANCE"));
        Map<String, Object> fact = jdbc.sql("select user_id, occurred_at from user_activity_facts where event_id = ?")
                .param(placed.eventId()).query().singleRow();
        assertThat(fact.get("user_id")).isEqualTo(user);
        assertThat(((java.sql.Timestamp) fact.get("occurred_at")).toInstant()).isCloseTo(placed.occurredAt(), within(1, ChronoUnit.MICROS)); // timestamptz rounds to microseconds
        assertThat(jdbc.sql("select count(*) from inbox.processed_event where consumer = 'user-activity-facts' and event_id = ?")
                .param(placed.eventId()).query(Long.class).single()).isEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(metricValue("dataplatform_records_duplicates_total")).isGreaterThanOrEqualTo(1));
    }

    @Test
    void deadLettersAnUnknownSchemaVersionAndANonNumericUserWithTheReasonAndKeepsConsuming() {
        long user = USERS.incrementAndGet();
        String key = "user:" + user;
        EventEnvelope v1 = TopicWriter.envelopeOf(new OrderPlaced(user, 33, Instant.now()));
        EventEnvelope version2 = new EventEnvelope(v1.eventId(), v1.eventType(), v1.aggregateType(), v1.aggregateId(),
                1, v1.occurredAt(), 2, v1.payload());
        EventEnvelope other = TopicWriter.envelopeOf(new OrderPlaced(user, 34, Instant.now()));
        EventEnvelope notAUser = new EventEnvelope(other.eventId(), other.eventType(), other.aggregateType(),
                "someone-" + user, 1, other.occurredAt(), 1, other.payload());
        EventEnvelope good = TopicWriter.envelopeOf(new CouponReceived(user, 35, "after the bad ones", Instant.now()));

        try (var dlt = TopicTail.fromNow(bootstrapServers, TOPIC + ".DLT")) {
            long started = System.nanoTime();
            // One key: the bad records sit before the good one on one partition.
            writer.send(Topic.USER_ACTIVITY, key, version2);
            writer.send(Topic.USER_ACTIVITY, key, notAUser);
            writer.send(Topic.USER_ACTIVITY, key, good);
            writer.flush();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(factsOf(user)).containsKey(good.eventId()));
            Duration tookToPassThem = Duration.ofNanos(System.nanoTime() - started);
            List<ConsumerRecord<String, byte[]>> deadLettered = dlt.awaitMatching(r -> key.equals(r.key()), 2);

            assertThat(deadLettered).hasSize(2);
            assertThat(deadLettered).allSatisfy(r -> {
                assertThat(header(r, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
                // Spring Kafka writes the original partition as a 4-byte int.
                assertThat(r.partition()).isEqualTo(ByteBuffer.wrap(r.headers().lastHeader("kafka_dlt-original-partition").value()).getInt());
            });
            assertThat(reasonFor(deadLettered, version2.eventId())).contains("UnprocessableEventException", "schemaVersion 2");
            assertThat(reasonFor(deadLettered, notAUser.eventId())).contains("aggregateId 'someone-" + user + "'");
            // Not retried: three backoffs of 200 ms to 1 s per record would take several seconds.
            assertThat(tookToPassThem).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(factsOf(user)).containsOnlyKeys(good.eventId());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(metricValue("dataplatform_records_failed_total")).isGreaterThanOrEqualTo(2));
    }

    @Test
    void servesAUsersActionsCountedPerEventTypeAndDayOfTheirOccurrence() {
        long user = USERS.incrementAndGet();
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant threeDaysAgo = today.minusDays(3).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant tenDaysAgo = today.minusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC);
        List<EventEnvelope> events = List.of(
                at(new OrderPlaced(user, 41, now), now),
                at(new OrderPlaced(user, 42, now), now),
                at(new CouponReceived(user, 43, "spring", now), now),
                // Arrives late: counts in the day it happened.
                at(new UserChargedBalance(user, BigDecimal.TEN, BigDecimal.TEN), threeDaysAgo),
                // Outside a 7-day window.
                at(new OrderPlaced(user, 44, tenDaysAgo), tenDaysAgo));
        events.forEach(e -> writer.send(Topic.USER_ACTIVITY, e));
        writer.flush();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(factsOf(user)).hasSize(events.size()));

        ResponseEntity<String> response = get("/api/analytics/users/" + user + "/activity?days=7");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> rows = JsonPath.read(response.getBody(), "$");
        assertThat(rows).containsExactly(
                Map.of("day", today.minusDays(3).toString(), "eventType", "USER_CHARGED_BALANCE", "count", 1),
                Map.of("day", today.toString(), "eventType", "COUPON_RECEIVED", "count", 1),
                Map.of("day", today.toString(), "eventType", "ORDER_PLACED", "count", 2));
        List<Map<String, Object>> longer = JsonPath.read(get("/api/analytics/users/" + user + "/activity?days=11").getBody(), "$");
        assertThat(longer).first().isEqualTo(Map.of("day", today.minusDays(10).toString(), "eventType", "ORDER_PLACED", "count", 1));
        assertThat(JsonPath.<List<Object>>read(get("/api/analytics/users/" + USERS.incrementAndGet() + "/activity").getBody(), "$"))
                .isEmpty();
    }

    @Test
    void refusesBadActivityQueriesWithAProblemNamingTheParameter() {
        Map<String, String> badQueries = Map.of(
                "/api/analytics/users/5/activity?days=0", "days",
                "/api/analytics/users/5/activity?days=366", "days",
                "/api/analytics/users/5/activity?days=week", "days",
                "/api/analytics/users/somebody/activity", "userId",
                "/api/analytics/users/0/activity", "userId");
        badQueries.forEach((uri, parameter) -> {
            ResponseEntity<String> response = get(uri);
            assertThat(response.getStatusCode().value()).as(uri).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(uri).isNotNull()
                    .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat(JsonPath.<String>read(response.getBody(), "$.parameter")).as(uri).isEqualTo(parameter);
            assertThat(JsonPath.<String>read(response.getBody(), "$.detail")).as(uri).contains(parameter);
        });
    }

    @Test
    void servesItsMetricsPerTopicAndHoldsEveryUserActivityPartition() {
        String metrics = new ConsumerHttp(port).metrics();
        assertThat(metrics.lines().filter(line -> line.contains("topic=\"" + TOPIC + "\"")))
                .anyMatch(line -> line.startsWith("dataplatform_records_processed_total{"))
                .anyMatch(line -> line.startsWith("dataplatform_records_failed_total{"))
                .anyMatch(line -> line.startsWith("dataplatform_end_to_end_latency_seconds_bucket{"));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(metricValue("dataplatform_consumer_assigned_partitions")).isEqualTo(3));
    }

    // --- helpers ---

    private static EventEnvelope at(DomainEvent event, Instant occurredAt) {
        return EventEnvelope.of(event, 1, occurredAt);
    }

    private Map<UUID, String> factsOf(long user) {
        Map<UUID, String> facts = new java.util.HashMap<>();
        jdbc.sql("select event_id, event_type from user_activity_facts where user_id = ?").param(user)
                .query((rs, n) -> facts.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return facts;
    }

    private static String reasonFor(List<ConsumerRecord<String, byte[]>> records, UUID eventId) {
        return records.stream().filter(r -> header(r, EventHeaders.EVENT_ID).equals(eventId.toString()))
                .map(r -> header(r, DeadLetterErrorHandler.DLT_REASON)).findFirst().orElse("(not dead-lettered)");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private double metricValue(String name) {
        return new ConsumerHttp(port).metricValue(name, TOPIC);
    }

    private ResponseEntity<String> get(String uri) {
        return new ConsumerHttp(port).get(uri);
    }
}
