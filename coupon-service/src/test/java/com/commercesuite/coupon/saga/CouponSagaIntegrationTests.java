package com.commercesuite.coupon.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.coupon.CouponHttp;
import com.commercesuite.coupon.TestIds;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.CouponCommand;
import com.commercesuite.events.saga.RestoreCoupon;
import com.commercesuite.events.saga.UseCoupon;
import com.commercesuite.testsupport.TopicTail;
import com.commercesuite.testsupport.TopicWriter;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The coupon step of the order saga over real Kafka: commands are published on coupon-commands as
 * order-service's outbox would (keyed by order id), replies are read from order-saga-replies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CouponSagaIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static TopicWriter commands;

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcClient jdbc;

    CouponHttp http;
    TopicTail replies;

    @BeforeAll
    static void startProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        commands = new TopicWriter(bootstrapServers);
    }

    @AfterAll
    static void stopProducer() {
        commands.close();
    }

    @BeforeEach
    void start() {
        http = new CouponHttp(port);
        replies = TopicTail.fromNow(bootstrapServers, Topic.ORDER_SAGA_REPLIES);
    }

    @AfterEach
    void stop() {
        replies.close();
    }

    @Test
    void usesAHeldCouponForAnOrderAndAnswersWithTheDiscount() throws Exception {
        long user = TestIds.next();
        long coupon = heldCoupon(user, "FIXED", "5.00");
        long order = TestIds.next();

        send(new UseCoupon(order, user, coupon, new BigDecimal("30.00")));

        EventEnvelope reply = onlyReplyTo(order);
        assertThat(reply.eventType()).isEqualTo("COUPON_USED");
        assertThat(reply.payload().get("couponId").asLong()).isEqualTo(coupon);
        assertThat(reply.payload().get("discount").decimalValue()).isEqualTo(new BigDecimal("5.00"));
        assertThat(wallet(coupon, user)).containsEntry("status", "USED").containsEntry("used_by_order_id", order);
    }

    @Test
    void aPercentageDiscountIsRoundedHalfUpAndNeverExceedsTheOrder() throws Exception {
        long user = TestIds.next();
        long percent = heldCoupon(user, "PERCENTAGE", "15");
        long fixed = heldCoupon(user, "FIXED", "50.00");
        long percentOrder = TestIds.next();
        long fixedOrder = TestIds.next();

        send(new UseCoupon(percentOrder, user, percent, new BigDecimal("33.33")));
        send(new UseCoupon(fixedOrder, user, fixed, new BigDecimal("20.00")));

        assertThat(onlyReplyTo(percentOrder).payload().get("discount").decimalValue()).isEqualTo(new BigDecimal("5.00"));
        assertThat(onlyReplyTo(fixedOrder).payload().get("discount").decimalValue()).isEqualTo(new BigDecimal("20.00"));
    }

    @Test
    void aCouponWhoseIssuanceIsRecordedCanBeUsedBeforeTheWalletConsumerCaughtUp() throws Exception {
        long user = TestIds.next();
        long coupon = http.createCoupon(5, "FIXED", "5.00");
        // Recorded as the issue request does, but no event: the wallet consumer will never bring it.
        jdbc.sql("insert into coupon_issuances (coupon_id, user_id, admitted_at) values (?, ?, now())").params(coupon, user).update();
        long order = TestIds.next();

        send(new UseCoupon(order, user, coupon, new BigDecimal("30.00")));

        assertThat(onlyReplyTo(order).eventType()).isEqualTo("COUPON_USED");
        assertThat(wallet(coupon, user)).containsEntry("status", "USED").containsEntry("used_by_order_id", order);
    }

    @Test
    void aCouponUsedByOneOrderIsRejectedForASecondOrder() throws Exception {
        long user = TestIds.next();
        long coupon = heldCoupon(user, "FIXED", "5.00");
        long first = TestIds.next();
        long second = TestIds.next();
        send(new UseCoupon(first, user, coupon, new BigDecimal("30.00")));
        assertThat(onlyReplyTo(first).eventType()).isEqualTo("COUPON_USED");

        send(new UseCoupon(second, user, coupon, new BigDecimal("30.00")));

        EventEnvelope rejected = onlyReplyTo(second);
        assertThat(rejected.eventType()).isEqualTo("COUPON_USE_REJECTED");
        assertThat(rejected.payload().get("reason").asString()).contains("already used by order " + first);
        assertThat(wallet(coupon, user)).containsEntry("used_by_order_id", first);
    }

    @Test
    void aRedeliveredCommandAppliesOnceAndARepeatedCommandGetsTheSameAnswer() throws Exception {
        long user = TestIds.next();
        long coupon = heldCoupon(user, "FIXED", "5.00");
        long order = TestIds.next();
        var use = new UseCoupon(order, user, coupon, new BigDecimal("30.00"));
        EventEnvelope envelope = EventEnvelope.of(use, 1, Instant.now());

        send(order, envelope);
        send(order, envelope);
        send(use);
        // Same key, so same partition: once its reply is out, the three before it were handled.
        long marker = TestIds.next();
        send(order, EventEnvelope.of(new UseCoupon(marker, user, coupon, new BigDecimal("30.00")), 1, Instant.now()));
        onlyReplyTo(marker);
        await().atMost(PATIENCE).until(() -> repliesTo(order).size() >= 2);

        List<EventEnvelope> answers = repliesTo(order);
        assertThat(answers).hasSize(2).allSatisfy(reply -> {
            assertThat(reply.eventType()).isEqualTo("COUPON_USED");
            assertThat(reply.payload().get("discount").decimalValue()).isEqualTo(new BigDecimal("5.00"));
        });
        assertThat(wallet(coupon, user)).containsEntry("used_by_order_id", order);
    }

    @Test
    void refusesACouponTheUserDoesNotHoldOrThatExpired() throws Exception {
        long user = TestIds.next();
        long notHeld = http.createCoupon(5, "FIXED", "5.00");
        long expired = expiredCouponHeldBy(user);
        long orderA = TestIds.next();
        long orderB = TestIds.next();

        send(new UseCoupon(orderA, user, notHeld, new BigDecimal("30.00")));
        send(new UseCoupon(orderB, user, expired, new BigDecimal("30.00")));

        assertThat(onlyReplyTo(orderA).payload().get("reason").asString()).contains("does not hold");
        assertThat(onlyReplyTo(orderB).payload().get("reason").asString()).contains("expired");
        assertThat(wallet(expired, user)).containsEntry("status", "AVAILABLE");
    }

    @Test
    void restoringAnOrdersCouponMakesItUsableAgainAndTellsCouponIssue() throws Exception {
        long user = TestIds.next();
        long coupon = heldCoupon(user, "FIXED", "5.00");
        long order = TestIds.next();
        send(new UseCoupon(order, user, coupon, new BigDecimal("30.00")));
        assertThat(onlyReplyTo(order).eventType()).isEqualTo("COUPON_USED");

        try (var couponIssue = TopicTail.fromNow(bootstrapServers, Topic.COUPON_ISSUE)) {
            send(new RestoreCoupon(order, user, coupon));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(couponIssue.envelopesMatching(e ->
                    e.eventType().equals("COUPON_RESTORED") && e.aggregateId().equals(Long.toString(coupon)))).singleElement()
                    .satisfies(e -> assertThat(e.payload().get("orderId").asLong()).isEqualTo(order)));
        }
        assertThat(wallet(coupon, user)).containsEntry("status", "AVAILABLE").containsEntry("used_by_order_id", null);
        long next = TestIds.next();
        send(new UseCoupon(next, user, coupon, new BigDecimal("30.00")));
        assertThat(onlyReplyTo(next).eventType()).isEqualTo("COUPON_USED");
        // The compensated order stays compensated: a late repeat of its UseCoupon is refused.
        send(new UseCoupon(order, user, coupon, new BigDecimal("30.00")));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(repliesTo(order)).hasSize(2));
        assertThat(repliesTo(order).getLast().eventType()).isEqualTo("COUPON_USE_REJECTED");
    }

    @Test
    void aRestoreBeforeItsUseLeavesATombstoneSoTheLateUseIsRefused() throws Exception {
        long user = TestIds.next();
        long coupon = heldCoupon(user, "FIXED", "5.00");
        long order = TestIds.next();

        send(new RestoreCoupon(order, user, coupon));
        send(new UseCoupon(order, user, coupon, new BigDecimal("30.00")));

        EventEnvelope reply = onlyReplyTo(order);
        assertThat(reply.eventType()).isEqualTo("COUPON_USE_REJECTED");
        assertThat(reply.payload().get("reason").asString()).contains("compensated");
        assertThat(wallet(coupon, user)).containsEntry("status", "AVAILABLE");
    }

    @Test
    void aRestoreGivesBackOnlyACouponTheOrderUsed() throws Exception {
        long user = TestIds.next();
        long coupon = heldCoupon(user, "FIXED", "5.00");
        long other = heldCoupon(user, "FIXED", "5.00");
        long usingOrder = TestIds.next();
        long refusedOrder = TestIds.next();
        send(new UseCoupon(usingOrder, user, coupon, new BigDecimal("30.00")));
        assertThat(onlyReplyTo(usingOrder).eventType()).isEqualTo("COUPON_USED");
        send(new UseCoupon(refusedOrder, user, coupon, new BigDecimal("30.00")));
        assertThat(onlyReplyTo(refusedOrder).eventType()).isEqualTo("COUPON_USE_REJECTED");

        // A restore naming another coupon, another user, and one for the order whose use was refused.
        List<EventEnvelope> restores = List.of(
                TopicWriter.envelopeOf(new RestoreCoupon(usingOrder, user, other)),
                TopicWriter.envelopeOf(new RestoreCoupon(usingOrder, TestIds.next(), coupon)),
                TopicWriter.envelopeOf(new RestoreCoupon(refusedOrder, user, coupon)));
        for (EventEnvelope restore : restores) {
            send(Long.parseLong(restore.aggregateId()), restore);
        }
        await().atMost(PATIENCE).until(() -> restores.stream().allMatch(restore -> jdbc.sql(
                        "select count(*) from inbox.processed_event where consumer = ? and event_id = ?")
                .params(UsingCoupons.CONSUMER, restore.eventId()).query(Long.class).single() == 1));

        assertThat(wallet(coupon, user)).containsEntry("status", "USED").containsEntry("used_by_order_id", usingOrder);
        assertThat(wallet(other, user)).containsEntry("status", "AVAILABLE");
        // The saga's own restore still gives the coupon back.
        send(new RestoreCoupon(usingOrder, user, coupon));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(wallet(coupon, user)).containsEntry("status", "AVAILABLE"));
    }

    private long heldCoupon(long user, String type, String value) {
        long coupon = http.createCoupon(5, type, value);
        assertThat(http.issue(coupon, user).status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from user_coupons where coupon_id = ? and user_id = ?")
                .params(coupon, user).query(Long.class).single() == 1);
        return coupon;
    }

    private long expiredCouponHeldBy(long user) {
        Instant now = Instant.now();
        long coupon = jdbc.sql("""
                        insert into coupons (name, discount_type, discount_value, total_quantity, issued_quantity, valid_from, valid_until)
                        values ('expired test coupon', 'FIXED', 5.00, 1, 1, ?, ?) returning id""")
                .params(Timestamp.from(now.minus(Duration.ofDays(2))), Timestamp.from(now.minus(Duration.ofDays(1))))
                .query(Long.class).single();
        jdbc.sql("insert into user_coupons (coupon_id, user_id, status) values (?, ?, 'AVAILABLE')").params(coupon, user).update();
        return coupon;
    }

    private Map<String, Object> wallet(long coupon, long user) {
        return jdbc.sql("select status, used_by_order_id from user_coupons where coupon_id = ? and user_id = ?")
                .params(coupon, user).query().singleRow();
    }

    private void send(CouponCommand command) throws Exception {
        send(command.orderId(), TopicWriter.envelopeOf(command));
    }

    private void send(long key, EventEnvelope envelope) throws Exception {
        commands.send(Topic.COUPON_COMMANDS, Long.toString(key), envelope);
        commands.flush();
    }

    private EventEnvelope onlyReplyTo(long order) {
        return await().atMost(PATIENCE).until(() -> repliesTo(order), r -> !r.isEmpty()).getFirst();
    }

    private List<EventEnvelope> repliesTo(long order) {
        return replies.envelopesMatching(e -> e.aggregateId().equals(Long.toString(order)));
    }
}
