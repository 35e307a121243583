package com.commercesuite.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.notification.FakeProvider;
import com.commercesuite.notification.FakeProvider.Behaviour;
import com.commercesuite.notification.OwnGroupsAndFakeProvider;
import com.commercesuite.notification.testevents.CouponIssued;
import com.commercesuite.notification.testevents.OrderCancelled;
import com.commercesuite.notification.testevents.OrderCompleted;
import com.commercesuite.notification.testevents.OrderPlaced;
import com.commercesuite.testsupport.TopicWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service end to end against the real local Kafka (a share group of the test's own) and
 * PostgreSQL, with the provider played over HTTP in the test JVM. Ids are unique per run.
 */
@SpringBootTest
@ActiveProfiles("test")
class NotificationDeliveryIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicLong IDS = new AtomicLong(
            1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    @RegisterExtension
    static final OwnGroupsAndFakeProvider run = new OwnGroupsAndFakeProvider();
    private static final FakeProvider provider = run.provider();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        run.addTo(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void aCompletedOrderACancelledOrderAndAnIssuedCouponEachMessageTheirCustomerOnce() {
        long completedFor = IDS.incrementAndGet();
        long cancelledFor = IDS.incrementAndGet();
        long couponFor = IDS.incrementAndGet();
        try (var topics = new TopicWriter(bootstrapServers)) {
            var completed = topics.send(Topic.ORDER_COMPLETED,
                    new OrderCompleted(IDS.incrementAndGet(), completedFor, new BigDecimal("12.50"), Instant.now()));
            var cancelled = topics.send(Topic.USER_ACTIVITY,
                    new OrderCancelled(cancelledFor, IDS.incrementAndGet(), "payment rejected", Instant.now()));
            var coupon = topics.send(Topic.COUPON_ISSUE,
                    new CouponIssued(IDS.incrementAndGet(), couponFor, "Welcome 10%", Instant.now().plusSeconds(86_400)));
            topics.send(Topic.USER_ACTIVITY, new OrderPlaced(completedFor, IDS.incrementAndGet(), Instant.now()));

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(status(completed, completedFor)).isEqualTo("SENT");
                assertThat(status(cancelled, cancelledFor)).isEqualTo("SENT");
                assertThat(status(coupon, couponFor)).isEqualTo("SENT");
            });
            assertThat(provider.deliveredTo(completedFor)).isEqualTo(1);
            assertThat(provider.deliveredTo(cancelledFor)).isEqualTo(1);
            assertThat(provider.deliveredTo(couponFor)).isEqualTo(1);
            assertThat(jdbc.sql("select kind from deliveries where recipient_id in (?, ?, ?) order by recipient_id")
                    .params(completedFor, cancelledFor, couponFor).query(String.class).list())
                    .containsExactly("ORDER_COMPLETED", "ORDER_CANCELLED", "COUPON_ISSUED");
        }
    }

    @Test
    void anEventDeliveredAgainSendsNothingAgain() {
        long user = IDS.incrementAndGet();
        try (var topics = new TopicWriter(bootstrapServers)) {
            EventEnvelope event = TopicWriter.envelopeOf(new OrderCompleted(IDS.incrementAndGet(), user, BigDecimal.TEN, Instant.now()));
            double skippedBefore = alreadyDone();
            topics.send(Topic.ORDER_COMPLETED, event);
            topics.flush();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(event, user)).isEqualTo("SENT"));

            topics.send(Topic.ORDER_COMPLETED, event);
            topics.flush();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(alreadyDone()).isGreaterThan(skippedBefore));
            assertThat(provider.calls(key(event, user))).isEqualTo(1);
            assertThat(provider.deliveredTo(user)).isEqualTo(1);
        }
    }

    @Test
    void aSendThatFailedIsReleasedAndSentOnceOnALaterDelivery() {
        long user = IDS.incrementAndGet();
        provider.behave(user, Behaviour.FAIL_TWICE);
        try (var topics = new TopicWriter(bootstrapServers)) {
            var event = topics.send(Topic.ORDER_COMPLETED, new OrderCompleted(IDS.incrementAndGet(), user, BigDecimal.ONE, Instant.now()));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(event, user)).isEqualTo("SENT"));
            assertThat(provider.calls(key(event, user))).isEqualTo(3);
            assertThat(provider.deliveredTo(user)).isEqualTo(1);
            assertThat(attempts(event, user)).isEqualTo(3);
        }
    }

    @Test
    void aSendWhoseAnswerWasLostIsNotDeliveredTwiceThanksToTheIdempotencyKey() {
        long user = IDS.incrementAndGet();
        provider.behave(user, Behaviour.LOSE_FIRST_ANSWER);
        try (var topics = new TopicWriter(bootstrapServers)) {
            var event = topics.send(Topic.COUPON_ISSUE, new CouponIssued(IDS.incrementAndGet(), user, "Lost answer", Instant.now()));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(event, user)).isEqualTo("SENT"));
            assertThat(provider.calls(key(event, user))).isEqualTo(2);
            assertThat(provider.deliveredTo(user)).isEqualTo(1);
        }
    }

    @Test
    void aMessageTheProviderKeepsRefusingIsRejectedAfterTheLastDeliveryAndRecordedWithoutHoldingUpOthers() {
        long refused = IDS.incrementAndGet();
        long fine = IDS.incrementAndGet();
        provider.behave(refused, Behaviour.REFUSE);
        try (var topics = new TopicWriter(bootstrapServers)) {
            var refusedEvent = topics.send(Topic.ORDER_COMPLETED,
                    new OrderCompleted(IDS.incrementAndGet(), refused, BigDecimal.ONE, Instant.now()));
            var fineEvent = topics.send(Topic.ORDER_COMPLETED,
                    new OrderCompleted(IDS.incrementAndGet(), fine, BigDecimal.ONE, Instant.now()));

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(status(fineEvent, fine)).isEqualTo("SENT");
                assertThat(status(refusedEvent, refused)).isEqualTo("REJECTED");
            });
            Map<String, Object> rejection = jdbc.sql("""
                            select deliveries, reason, topic, kind from rejected_notifications
                            where event_id = ? and recipient_id = ?""")
                    .params(refusedEvent.eventId(), refused).query().singleRow();
            assertThat(rejection.get("deliveries")).isEqualTo(3);
            assertThat((String) rejection.get("reason")).contains("422");
            assertThat(rejection.get("topic")).isEqualTo(Topic.ORDER_COMPLETED.topicName());
            assertThat(rejection.get("kind")).isEqualTo("ORDER_COMPLETED");
            assertThat(provider.calls(key(refusedEvent, refused))).isEqualTo(3);
            assertThat(provider.deliveredTo(refused)).isZero();
        }
    }

    @Test
    void anUnreadableRecordIsRejectedAndRecordedAtOnce() throws Exception {
        String marker = "not json " + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            var sent = producer.send(new ProducerRecord<>(Topic.COUPON_ISSUE.topicName(), 0, null,
                    marker.getBytes(StandardCharsets.UTF_8))).get();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql("""
                            select deliveries from rejected_notifications
                            where topic = ? and kafka_partition = 0 and kafka_offset = ? and event_id is null""")
                    .params(Topic.COUPON_ISSUE.topicName(), sent.offset()).query(Integer.class).optional()).contains(1));
        }
    }

    private String status(EventEnvelope event, long recipient) {
        return jdbc.sql("select status from deliveries where event_id = ? and recipient_id = ?")
                .params(event.eventId(), recipient).query(String.class).optional().orElse(null);
    }

    private int attempts(EventEnvelope event, long recipient) {
        return jdbc.sql("select attempts from deliveries where event_id = ? and recipient_id = ?")
                .params(event.eventId(), recipient).query(Integer.class).single();
    }

    private double alreadyDone() {
        var counter = meters.find("notification.deliveries").tag("outcome", "already_done").counters();
        return counter.stream().mapToDouble(c -> c.count()).sum();
    }

    private static String key(EventEnvelope event, long recipient) {
        return event.eventId() + ":" + recipient;
    }
}
