package com.commercesuite.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ConfirmStock;
import com.commercesuite.events.saga.CouponUseRejected;
import com.commercesuite.events.saga.CouponUsed;
import com.commercesuite.events.saga.OrderPaid;
import com.commercesuite.events.saga.PayOrder;
import com.commercesuite.events.saga.PaymentRejected;
import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.RefundOrder;
import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.events.saga.RestoreCoupon;
import com.commercesuite.events.saga.StockReserved;
import com.commercesuite.events.saga.UseCoupon;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The saga's state machine alone: which reply moves an order where, and what it sends. */
class OrderTests {

    private static final long ORDER = 41;
    private static final long USER = 7;
    private static final long COUPON = 99;
    private static final Instant PLACED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HARD_DEADLINE = Duration.ofMinutes(10);

    private final Instant soon = PLACED.plusSeconds(1);

    @Test
    void anOrderMovesFromStockThroughCouponAndPaymentToCompleted() {
        Order order = placed(COUPON);

        SagaReaction reserved = order.on(new StockReserved(ORDER, List.of(
                new PricedLine(1, 2, new BigDecimal("12.50")), new PricedLine(2, 1, new BigDecimal("3")))), soon);
        assertThat(reserved.order().subtotal()).isEqualByComparingTo("28.00");
        assertThat(reserved.order().awaiting()).isEqualTo(SagaStep.USE_COUPON);
        assertThat(events(reserved)).containsExactly(new UseCoupon(ORDER, USER, COUPON, new BigDecimal("28.00")));

        SagaReaction couponUsed = reserved.order().on(new CouponUsed(ORDER, COUPON, new BigDecimal("5.00")), soon);
        assertThat(events(couponUsed)).containsExactly(new PayOrder(ORDER, USER, new BigDecimal("23.00")));

        SagaReaction paid = couponUsed.order().on(new OrderPaid(ORDER, new BigDecimal("23.00")), soon);
        assertThat(paid.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(paid.order().completedAt()).isEqualTo(soon);
        assertThat(paid.outgoing()).extracting(Outgoing::topic).containsExactly(Topic.PRODUCT_COMMANDS, Topic.ORDER_COMPLETED);
        assertThat(events(paid).getFirst()).isEqualTo(new ConfirmStock(ORDER));
        var completed = (OrderCompleted) events(paid).get(1);
        assertThat(completed.finalAmount()).isEqualByComparingTo("23.00");
        assertThat(completed.discount()).isEqualByComparingTo("5.00");
        assertThat(completed.items()).containsExactly(new OrderCompleted.Item(1, 2, new BigDecimal("12.50")),
                new OrderCompleted.Item(2, 1, new BigDecimal("3.00")));
    }

    @Test
    void aDiscountCoveringTheWholeOrderCompletesItWithoutAPayment() {
        Order reserved = placed(COUPON).on(stockReserved("4.00"), soon).order();

        SagaReaction couponUsed = reserved.on(new CouponUsed(ORDER, COUPON, new BigDecimal("100.00")), soon);

        assertThat(couponUsed.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(couponUsed.order().discount()).isEqualByComparingTo("8.00");
        assertThat(couponUsed.order().finalAmount()).isEqualByComparingTo("0.00");
        assertThat(events(couponUsed)).noneMatch(PayOrder.class::isInstance);
    }

    @Test
    void aRejectedPaymentGivesBackTheCouponAndTheStockButRefundsNothing() {
        Order awaitingPayment = placed(COUPON).on(stockReserved("4.00"), soon).order()
                .on(new CouponUsed(ORDER, COUPON, BigDecimal.ONE), soon).order();

        SagaReaction rejected = awaitingPayment.on(new PaymentRejected(ORDER, "insufficient balance"), soon);

        assertThat(rejected.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(rejected.order().cancellationReason()).isEqualTo("insufficient balance");
        assertThat(events(rejected)).containsExactly(new RestoreCoupon(ORDER, USER, COUPON), new ReleaseStock(ORDER),
                new OrderCancelled(USER, ORDER, "insufficient balance", soon));
    }

    @Test
    void aRejectedCouponReleasesTheStock() {
        SagaReaction rejected = placed(COUPON).on(stockReserved("4.00"), soon).order()
                .on(new CouponUseRejected(ORDER, COUPON, "coupon already used"), soon);

        assertThat(events(rejected)).containsExactly(new ReleaseStock(ORDER),
                new OrderCancelled(USER, ORDER, "coupon already used", soon));
    }

    @Test
    void theStepDeadlineCountsFromTheDeliveryOfItsCommandAndCompensatesEverySentStepTheUnansweredOneIncluded() {
        Order awaitingPayment = placed(COUPON).on(stockReserved("4.00"), soon).order()
                .on(new CouponUsed(ORDER, COUPON, BigDecimal.ONE), soon).order();
        // The broker was down: PayOrder sat in the outbox for five minutes, which uses up no participant's time.
        assertThat(awaitingPayment.timeOut(PLACED.plus(Duration.ofMinutes(5))).isIgnored()).isTrue();
        Instant delivered = PLACED.plus(Duration.ofMinutes(5));
        Order waiting = awaitingPayment.delivered(delivered, TIMEOUT);

        assertThat(waiting.timeOut(delivered.plusSeconds(59)).isIgnored()).isTrue();
        SagaReaction timedOut = waiting.timeOut(delivered.plus(TIMEOUT));

        assertThat(timedOut.order().cancellationReason()).isEqualTo("timed out waiting for payment");
        assertThat(events(timedOut)).containsExactly(new RefundOrder(ORDER, USER), new RestoreCoupon(ORDER, USER, COUPON),
                new ReleaseStock(ORDER), new OrderCancelled(USER, ORDER, "timed out waiting for payment", delivered.plus(TIMEOUT)));
    }

    @Test
    void theHardDeadlineCancelsAnOrderWhoseCommandNeverReachedKafka() {
        Order undelivered = placed(null);

        assertThat(undelivered.timeOut(PLACED.plus(HARD_DEADLINE).minusMillis(1)).isIgnored()).isTrue();
        SagaReaction timedOut = undelivered.timeOut(PLACED.plus(HARD_DEADLINE));

        assertThat(timedOut.order().cancellationReason()).isEqualTo("timed out waiting for stock reservation");
        assertThat(events(timedOut)).containsExactly(new ReleaseStock(ORDER),
                new OrderCancelled(USER, ORDER, "timed out waiting for stock reservation", PLACED.plus(HARD_DEADLINE)));
    }

    @Test
    void theHardDeadlineHoldsEvenForAStepDeliveredLate() {
        Order deliveredLate = placed(null).delivered(PLACED.plus(HARD_DEADLINE).minusSeconds(1), TIMEOUT);

        assertThat(deliveredLate.isOverdue(PLACED.plus(HARD_DEADLINE))).isTrue();
    }

    @Test
    void eachStepsClockStartsOnItsOwnCommandsDelivery() {
        Order awaitingStock = placed(COUPON).delivered(PLACED, TIMEOUT);
        assertThat(awaitingStock.stepDeadline()).isEqualTo(PLACED.plus(TIMEOUT));
        assertThat(awaitingStock.delivered(soon, TIMEOUT)).as("a second sighting moves nothing").isEqualTo(awaitingStock);

        SagaReaction reserved = awaitingStock.on(stockReserved("4.00"), PLACED.plusSeconds(59));

        assertThat(reserved.order().stepDeadline()).isNull();
        assertThat(reserved.order().isOverdue(PLACED.plus(TIMEOUT).plusSeconds(30))).isFalse();
        assertThat(reserved.order().isAwaitedCommand(reserved.outgoing().getFirst().event())).isTrue();
        assertThat(reserved.order().isAwaitedCommand(new ReleaseStock(ORDER))).isFalse();
    }

    @Test
    void aReplyArrivingAfterTheDeadlineTimesTheOrderOutInsteadOfMovingIt() {
        SagaReaction late = placed(null).delivered(PLACED, TIMEOUT).on(stockReserved("4.00"), PLACED.plus(TIMEOUT).plusMillis(1));

        assertThat(late.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(late.order().cancellationReason()).isEqualTo("timed out waiting for stock reservation");
        assertThat(events(late)).containsExactly(new ReleaseStock(ORDER), new OrderCancelled(USER, ORDER,
                "timed out waiting for stock reservation", PLACED.plus(TIMEOUT).plusMillis(1)));
    }

    @Test
    void repliesForAnotherStepOrAFinishedOrderAreIgnored() {
        Order awaitingStock = placed(COUPON);
        assertThat(awaitingStock.on(new OrderPaid(ORDER, BigDecimal.TEN), soon).isIgnored()).isTrue();
        assertThat(awaitingStock.on(new CouponUsed(ORDER, COUPON, BigDecimal.ONE), soon).isIgnored()).isTrue();

        Order unchanged = awaitingStock.on(new CouponUseRejected(ORDER, COUPON, "x"), soon).order();
        assertThat(unchanged).isEqualTo(awaitingStock);
        Order completed = placed(null).on(stockReserved("1.00"), soon).order().on(new OrderPaid(ORDER, BigDecimal.TWO), soon).order();
        SagaReaction again = completed.on(new OrderPaid(ORDER, BigDecimal.TWO), soon);
        assertThat(again.isIgnored()).isTrue();
        assertThat(again.order()).isEqualTo(completed);
        assertThat(again.outgoing()).isEmpty();
    }

    @Test
    void aPaymentOfAnotherAmountThanTheOrdersIsIgnoredAndTheOrderWaitsForTheRealOne() {
        Order awaitingPayment = placed(null).on(stockReserved("4.00"), soon).order();
        assertThat(awaitingPayment.finalAmount()).isEqualByComparingTo("8.00");

        SagaReaction tooLittle = awaitingPayment.on(new OrderPaid(ORDER, new BigDecimal("0.01")), soon);
        SagaReaction missing = awaitingPayment.on(new OrderPaid(ORDER, null), soon);

        assertThat(tooLittle.isIgnored()).isTrue();
        assertThat(tooLittle.ignoredBecause()).isEqualTo("paid 0.01 but the order's amount is 8.00");
        assertThat(tooLittle.order()).isEqualTo(awaitingPayment);
        assertThat(missing.isIgnored()).isTrue();
        assertThat(awaitingPayment.on(new OrderPaid(ORDER, new BigDecimal("8")), soon).order().status())
                .isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void anOrderWhoseTotalDoesNotFitAnAmountIsCancelledAndItsStockReleased() {
        SagaReaction reserved = placed(null).on(new StockReserved(ORDER, List.of(
                new PricedLine(1, 2, new BigDecimal("50000000000000000.00")), new PricedLine(2, 1, BigDecimal.ZERO))), soon);

        assertThat(reserved.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(reserved.order().cancellationReason())
                .isEqualTo("order total 100000000000000000.00 exceeds the largest amount an order can hold, 99999999999999999.99");
        assertThat(reserved.order().subtotal()).isNull();
        assertThat(events(reserved)).containsExactly(new ReleaseStock(ORDER), new OrderCancelled(USER, ORDER,
                "order total 100000000000000000.00 exceeds the largest amount an order can hold, 99999999999999999.99", soon));
    }

    @Test
    void aReservationThatDoesNotMatchTheLinesIsUndone() {
        SagaReaction odd = placed(null).on(new StockReserved(ORDER, List.of(new PricedLine(1, 5, BigDecimal.ONE))), soon);

        assertThat(odd.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(events(odd)).containsExactly(new ReleaseStock(ORDER),
                new OrderCancelled(USER, ORDER, "stock reservation did not match the order's lines", soon));
    }

    @Test
    void aRepeatedPlacementIsTheSameWhateverTheLineOrder() {
        Order order = placed(COUPON);

        assertThat(order.placedFor(List.of(OrderItem.unpriced(2, 1), OrderItem.unpriced(1, 2)), COUPON)).isTrue();
        assertThat(order.placedFor(List.of(OrderItem.unpriced(2, 1), OrderItem.unpriced(1, 3)), COUPON)).isFalse();
        assertThat(order.placedFor(order.items(), null)).isFalse();
    }

    private static Order placed(Long couponId) {
        return Order.place(USER, "key", List.of(OrderItem.unpriced(1, 2), OrderItem.unpriced(2, 1)), couponId,
                PLACED, HARD_DEADLINE).withId(ORDER);
    }

    private static StockReserved stockReserved(String unitPrice) {
        return new StockReserved(ORDER, List.of(new PricedLine(1, 2, new BigDecimal(unitPrice)),
                new PricedLine(2, 1, BigDecimal.ZERO)));
    }

    private static List<DomainEvent> events(SagaReaction reaction) {
        return reaction.outgoing().stream().map(Outgoing::event).toList();
    }
}
