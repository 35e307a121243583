package com.commercesuite.balance.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.balance.LedgerInvariant;
import com.commercesuite.balance.TestIds;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.BalanceCommand;
import com.commercesuite.events.saga.PayOrder;
import com.commercesuite.events.saga.RefundOrder;
import com.commercesuite.testsupport.TopicTail;
import com.commercesuite.testsupport.TopicWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The saga participant end to end: commands go to balance-commands as real Kafka records, keyed by
 * order, as order-service's outbox would send them; replies are read back from order-saga-replies
 * and effects from the database and balance-activity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BalanceSagaIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private TopicWriter commands;
    private TopicTail replies;

    @BeforeEach
    void openKafka() {
        commands = new TopicWriter(bootstrapServers);
        replies = TopicTail.fromNow(bootstrapServers, Topic.ORDER_SAGA_REPLIES);
    }

    @AfterEach
    void closeKafka() {
        commands.close();
        replies.close();
    }

    @Test
    void aCoveredPaymentIsTakenAndAnsweredOrderPaid() throws Exception {
        long userId = userWithBalance("80.00");
        long orderId = TestIds.next();

        send(new PayOrder(orderId, userId, new BigDecimal("25.50")));

        EventEnvelope reply = repliesFor(orderId, 1).getFirst();
        assertThat(reply.eventType()).isEqualTo("ORDER_PAID");
        assertThat(reply.payload().get("amount").decimalValue()).isEqualByComparingTo("25.50");
        assertThat(balanceOf(userId)).isEqualByComparingTo("54.50");
        assertThat(entries(userId, "PAYMENT")).isEqualTo(1);
        LedgerInvariant.assertHoldsFor(jdbc, userId);
    }

    @Test
    void aPaymentTheBalanceDoesNotCoverIsRejectedAndChangesNothing() throws Exception {
        long userId = userWithBalance("10.00");
        long orderId = TestIds.next();

        send(new PayOrder(orderId, userId, new BigDecimal("10.01")));

        EventEnvelope reply = repliesFor(orderId, 1).getFirst();
        assertThat(reply.eventType()).isEqualTo("PAYMENT_REJECTED");
        assertThat(reply.payload().get("reason").asString()).isEqualTo("insufficient balance: has 10.00, needs 10.01");
        assertThat(balanceOf(userId)).isEqualByComparingTo("10.00");
        assertThat(entries(userId, "PAYMENT")).isZero();
    }

    @Test
    void aPaymentForAnUnknownUserIsRejected() throws Exception {
        long unknownUser = TestIds.next();
        long orderId = TestIds.next();

        send(new PayOrder(orderId, unknownUser, new BigDecimal("5")));

        EventEnvelope reply = repliesFor(orderId, 1).getFirst();
        assertThat(reply.eventType()).isEqualTo("PAYMENT_REJECTED");
        assertThat(reply.payload().get("reason").asString()).isEqualTo("insufficient balance: has 0.00, needs 5.00");
        assertThat(jdbc.sql("select count(*) from balances where user_id = ?").param(unknownUser).query(Long.class).single())
                .isZero();
    }

    @Test
    void tenConcurrentPaymentsOfThirtyFromOneHundredPayExactlyThreeAndNeverGoNegative() throws Exception {
        long userId = userWithBalance("100.00");
        List<Long> orders = LongStream.range(0, 10).map(i -> TestIds.next()).boxed().toList();

        for (long orderId : orders) {
            send(new PayOrder(orderId, userId, new BigDecimal("30.00")));
        }

        Set<String> keys = orders.stream().map(String::valueOf).collect(Collectors.toSet());
        List<EventEnvelope> answers = replies.awaitMatching(r -> keys.contains(r.key()), 10).stream()
                .map(r -> EventJson.read(r.value())).toList();
        assertThat(answers).hasSize(10);
        assertThat(answers).filteredOn(a -> a.eventType().equals("ORDER_PAID")).hasSize(3);
        assertThat(answers).filteredOn(a -> a.eventType().equals("PAYMENT_REJECTED")).hasSize(7)
                .allSatisfy(a -> assertThat(a.payload().get("reason").asString())
                        .isEqualTo("insufficient balance: has 10.00, needs 30.00"));
        assertThat(answers.stream().map(EventEnvelope::aggregateId).distinct()).hasSize(10);
        assertThat(balanceOf(userId)).isEqualByComparingTo("10.00");
        assertThat(entries(userId, "PAYMENT")).isEqualTo(3);
        LedgerInvariant.assertHoldsFor(jdbc, userId);
    }

    @Test
    void aRedeliveredPayOrderIsAppliedOnceAndANewDeliveryForTheSameOrderGetsTheSameAnswer() throws Exception {
        long userId = userWithBalance("50.00");
        long orderId = TestIds.next();
        EventEnvelope pay = envelope(new PayOrder(orderId, userId, new BigDecimal("20.00")));
        EventEnvelope payAgain = envelope(new PayOrder(orderId, userId, new BigDecimal("20.00")));

        send(pay);
        send(pay);
        send(payAgain);

        List<EventEnvelope> answers = repliesFor(orderId, 2);
        assertThat(answers).extracting(EventEnvelope::eventType).containsExactly("ORDER_PAID", "ORDER_PAID");
        awaitProcessed(payAgain);
        // Same partition, so the duplicate was handled before payAgain: it appended no reply of its own.
        assertThat(repliesAppendedFor(orderId)).isEqualTo(2);
        assertThat(balanceOf(userId)).isEqualByComparingTo("30.00");
        assertThat(entries(userId, "PAYMENT")).isEqualTo(1);
        LedgerInvariant.assertHoldsFor(jdbc, userId);
    }

    @Test
    void aRefundAfterPaymentRestoresTheBalanceOnceAndIsPublishedOnBalanceActivity() throws Exception {
        long userId = userWithBalance("60.00");
        long orderId = TestIds.next();
        try (var activity = TopicTail.fromNow(bootstrapServers, Topic.BALANCE_ACTIVITY)) {
            send(new PayOrder(orderId, userId, new BigDecimal("45.00")));
            assertThat(repliesFor(orderId, 1).getFirst().eventType()).isEqualTo("ORDER_PAID");

            send(new RefundOrder(orderId, userId));
            EventEnvelope secondRefund = envelope(new RefundOrder(orderId, userId));
            send(secondRefund);
            awaitProcessed(secondRefund);

            assertThat(balanceOf(userId)).isEqualByComparingTo("60.00");
            assertThat(entries(userId, "REFUND")).isEqualTo(1);
            LedgerInvariant.assertHoldsFor(jdbc, userId);
            List<EventEnvelope> events = activity.awaitKeyed("user:" + userId, 2);
            assertThat(events).extracting(EventEnvelope::eventType)
                    .containsExactly("ORDER_PAYMENT_TAKEN", "ORDER_PAYMENT_REFUNDED");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.aggregateType()).isEqualTo("balance");
                assertThat(e.aggregateId()).isEqualTo(Long.toString(userId));
                assertThat(e.payload().get("orderId").asLong()).isEqualTo(orderId);
                assertThat(e.payload().get("amount").decimalValue()).isEqualByComparingTo("45.00");
            });
            assertThat(events.get(0).payload().get("balanceAfter").decimalValue()).isEqualByComparingTo("15.00");
            assertThat(events.get(1).payload().get("balanceAfter").decimalValue()).isEqualByComparingTo("60.00");
        }
        // A PayOrder after the refund cannot take the money again.
        send(new PayOrder(orderId, userId, new BigDecimal("45.00")));
        assertThat(repliesFor(orderId, 2).getLast().payload().get("reason").asString()).isEqualTo("order was cancelled");
        assertThat(balanceOf(userId)).isEqualByComparingTo("60.00");
    }

    @Test
    void aRefundBeforeAnyPaymentLeavesATombstoneSoTheLatePaymentIsRejected() throws Exception {
        long userId = userWithBalance("40.00");
        long orderId = TestIds.next();

        send(new RefundOrder(orderId, userId));
        send(new PayOrder(orderId, userId, new BigDecimal("15.00")));

        EventEnvelope reply = repliesFor(orderId, 1).getFirst();
        assertThat(reply.eventType()).isEqualTo("PAYMENT_REJECTED");
        assertThat(reply.payload().get("reason").asString()).isEqualTo("order was cancelled");
        assertThat(balanceOf(userId)).isEqualByComparingTo("40.00");
        assertThat(entries(userId, "PAYMENT") + entries(userId, "REFUND")).isZero();
    }

    @Test
    void aRefundGivesBackOnlyAPaymentThatWasTakenAndOnlyToItsUser() throws Exception {
        long payer = userWithBalance("50.00");
        long other = userWithBalance("10.00");
        long poor = userWithBalance("1.00");
        long paidOrder = TestIds.next();
        long rejectedOrder = TestIds.next();
        send(new PayOrder(paidOrder, payer, new BigDecimal("20.00")));
        send(new PayOrder(rejectedOrder, poor, new BigDecimal("5.00")));
        assertThat(repliesFor(paidOrder, 1).getFirst().eventType()).isEqualTo("ORDER_PAID");
        assertThat(repliesFor(rejectedOrder, 1).getFirst().eventType()).isEqualTo("PAYMENT_REJECTED");

        // A refund naming another user than the payer's, and one for a payment that was rejected.
        EventEnvelope otherUsersRefund = envelope(new RefundOrder(paidOrder, other));
        EventEnvelope rejectedRefund = envelope(new RefundOrder(rejectedOrder, poor));
        send(otherUsersRefund);
        send(rejectedRefund);
        awaitProcessed(otherUsersRefund);
        awaitProcessed(rejectedRefund);

        assertThat(balanceOf(payer)).isEqualByComparingTo("30.00");
        assertThat(balanceOf(other)).isEqualByComparingTo("10.00");
        assertThat(balanceOf(poor)).isEqualByComparingTo("1.00");
        assertThat(entries(payer, "REFUND") + entries(other, "REFUND") + entries(poor, "REFUND")).isZero();
        assertThat(jdbc.sql("select status from order_payments where order_id = ?").param(paidOrder)
                .query(String.class).single()).isEqualTo("PAID");
        LedgerInvariant.assertHoldsFor(jdbc, payer);
        LedgerInvariant.assertHoldsFor(jdbc, other);

        // The saga's own refund still gives the payment back.
        send(new RefundOrder(paidOrder, payer));
        await().atMost(TopicTail.PATIENCE).untilAsserted(() -> assertThat(balanceOf(payer)).isEqualByComparingTo("50.00"));
    }

    /** A fresh user, charged through the real HTTP API. */
    private long userWithBalance(String amount) {
        long userId = TestIds.next();
        RestClient.create("http://127.0.0.1:" + port).post().uri("/api/balances/{id}/charges", userId)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"amount\": " + amount + "}")
                .retrieve()
                .toBodilessEntity();
        return userId;
    }

    private static EventEnvelope envelope(BalanceCommand command) {
        return TopicWriter.envelopeOf(command);
    }

    private void send(BalanceCommand command) throws Exception {
        send(envelope(command));
    }

    private void send(EventEnvelope envelope) throws Exception {
        commands.send(Topic.BALANCE_COMMANDS, envelope);
        commands.flush();
    }

    private List<EventEnvelope> repliesFor(long orderId, int count) {
        return replies.awaitKeyed(Long.toString(orderId), count);
    }

    private void awaitProcessed(EventEnvelope envelope) {
        await().atMost(TopicTail.PATIENCE).until(() -> jdbc.sql(
                        "select count(*) from inbox.processed_event where consumer = ? and event_id = ?")
                .params(PayingForOrders.CONSUMER, envelope.eventId()).query(Long.class).single() == 1);
    }

    private long repliesAppendedFor(long orderId) {
        return jdbc.sql("select last_sequence from outbox.aggregate_sequence where aggregate_type = 'order' and aggregate_id = ?")
                .param(Long.toString(orderId)).query(Long.class).single();
    }

    private BigDecimal balanceOf(long userId) {
        return jdbc.sql("select amount from balances where user_id = ?").param(userId).query(BigDecimal.class).single();
    }

    private long entries(long userId, String kind) {
        return jdbc.sql("select count(*) from balance_entries where user_id = ? and kind = ?")
                .params(userId, kind).query(Long.class).single();
    }
}
