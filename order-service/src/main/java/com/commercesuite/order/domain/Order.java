package com.commercesuite.order.domain;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ConfirmStock;
import com.commercesuite.events.saga.OrderLimits;
import com.commercesuite.events.saga.CouponUseRejected;
import com.commercesuite.events.saga.CouponUsed;
import com.commercesuite.events.saga.OrderLine;
import com.commercesuite.events.saga.OrderPaid;
import com.commercesuite.events.saga.PayOrder;
import com.commercesuite.events.saga.PaymentRejected;
import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.RefundOrder;
import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.events.saga.ReserveStock;
import com.commercesuite.events.saga.RestoreCoupon;
import com.commercesuite.events.saga.SagaReply;
import com.commercesuite.events.saga.StockReservationRejected;
import com.commercesuite.events.saga.StockReserved;
import com.commercesuite.events.saga.UseCoupon;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An order and its saga: the one place that knows which step the order waits for, which commands
 * were sent and so what a cancellation must undo. Immutable; every transition returns the next
 * state with the messages it sends, so the caller persists both in one transaction.
 *
 * @param awaiting the step whose reply the order waits for; null once finished
 * @param requested the steps whose command was sent: a cancellation compensates each of them
 *     (except a step that was rejected, which held nothing)
 * @param subtotal sum of quantity x unit price; null until the stock is reserved
 * @param finalAmount subtotal minus discount; null until known
 * @param deadline the hard bound: an order still pending then is cancelled, whatever held it up
 * @param stepDeadline when the awaited step times out: the time its command was seen delivered to
 *     Kafka plus the step timeout; null while the command has not reached Kafka (or nothing is
 *     awaited), so time in which the suite itself could not deliver counts only towards
 *     {@code deadline}
 */
public record Order(
        Long id,
        long userId,
        String idempotencyKey,
        List<OrderItem> items,
        Long couponId,
        OrderStatus status,
        SagaStep awaiting,
        Set<SagaStep> requested,
        BigDecimal subtotal,
        BigDecimal discount,
        BigDecimal finalAmount,
        String cancellationReason,
        Instant createdAt,
        Instant deadline,
        Instant stepDeadline,
        Instant completedAt) {

    static final int MAX_REASON_LENGTH = 500;
    private static final BigDecimal ZERO = new BigDecimal("0.00");
    /** The largest numeric(19,2), the type of every amount column and of the participants' amounts. */
    static final BigDecimal MAX_AMOUNT = OrderLimits.MAX_AMOUNT;

    public Order {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        requested = requested.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requested));
        discount = discount == null ? ZERO : discount;
    }

    /**
     * A new order, waiting for its stock: the first command, {@link #reserveStock()}, goes out with it.
     *
     * @param hardDeadline how long the order may stay pending at most, delivered or not
     */
    public static Order place(long userId, String idempotencyKey, List<OrderItem> items, Long couponId,
            Instant now, Duration hardDeadline) {
        return new Order(null, userId, idempotencyKey, items, couponId, OrderStatus.PENDING, SagaStep.RESERVE_STOCK,
                Set.of(SagaStep.RESERVE_STOCK), null, ZERO, null, null, now, now.plus(hardDeadline), null, null);
    }

    public Order withId(long newId) {
        return next(n -> n.id = newId);
    }

    /** The order with its lines, which storage keeps in rows of their own. */
    public Order withItems(List<OrderItem> lines) {
        return next(n -> n.items = lines);
    }

    /** The saga's first command, sent in the transaction that places the order. */
    public Outgoing reserveStock() {
        var lines = items.stream().map(i -> new OrderLine(i.productId(), i.quantity())).toList();
        return new Outgoing(Topic.PRODUCT_COMMANDS, new ReserveStock(id, lines));
    }

    /** Whether a repeated placement with the same idempotency key asks for the same thing. */
    public boolean placedFor(List<OrderItem> otherItems, Long otherCouponId) {
        return Objects.equals(couponId, otherCouponId) && quantities(items).equals(quantities(otherItems));
    }

    private static Map<Long, Integer> quantities(List<OrderItem> items) {
        return items.stream().collect(Collectors.toMap(OrderItem::productId, OrderItem::quantity, Integer::sum));
    }

    public boolean isFinished() {
        return status != OrderStatus.PENDING;
    }

    /** Past the hard deadline, or past the awaited step's deadline once its command was delivered. */
    public boolean isOverdue(Instant now) {
        return !now.isBefore(deadline) || stepDeadline != null && !now.isBefore(stepDeadline);
    }

    /**
     * The awaited step's clock started: its command reached Kafka at {@code deliveredAt}. Storage
     * starts many at once in one statement (see the repository); this is the same rule, one order.
     */
    Order delivered(Instant deliveredAt, Duration stepTimeout) {
        return isFinished() || stepDeadline != null ? this : next(n -> n.stepDeadline = deliveredAt.plus(stepTimeout));
    }

    /** Whether {@code event} is the command of the step the order waits for: its delivery starts the step's clock. */
    public boolean isAwaitedCommand(DomainEvent event) {
        return switch (awaiting) {
            case null -> false;
            case RESERVE_STOCK -> event instanceof ReserveStock;
            case USE_COUPON -> event instanceof UseCoupon;
            case PAY_ORDER -> event instanceof PayOrder;
        };
    }

    /**
     * Moves the saga on a participant's reply. A reply for a finished order, for another step than
     * the awaited one, or a repeat of an answered step is ignored: the order is already past it. So
     * is a reply that does not describe what was asked (a payment of another amount, another coupon):
     * the order waits on for the real answer, or its deadline.
     */
    public SagaReaction on(SagaReply reply, Instant now) {
        if (isFinished()) {
            return SagaReaction.ignored(this, "order is already " + status);
        }
        if (isOverdue(now)) {
            return timeOut(now);
        }
        SagaStep step = switch (reply) {
            case StockReserved r -> SagaStep.RESERVE_STOCK;
            case StockReservationRejected r -> SagaStep.RESERVE_STOCK;
            case CouponUsed r -> SagaStep.USE_COUPON;
            case CouponUseRejected r -> SagaStep.USE_COUPON;
            case OrderPaid r -> SagaStep.PAY_ORDER;
            case PaymentRejected r -> SagaStep.PAY_ORDER;
        };
        if (step != awaiting) {
            return SagaReaction.ignored(this, "a reply to " + step + " while waiting for " + awaiting);
        }
        return switch (reply) {
            case StockReserved r -> stockReserved(r.lines(), now);
            case StockReservationRejected r -> cancel(reasonOr(r.reason(), "stock reservation rejected"), step, now);
            case CouponUsed r when !Objects.equals(r.couponId(), couponId) ->
                    SagaReaction.ignored(this, "coupon " + r.couponId() + " is not the order's coupon " + couponId);
            case CouponUsed r -> couponUsed(r.discount(), now);
            case CouponUseRejected r -> cancel(reasonOr(r.reason(), "coupon rejected"), step, now);
            case OrderPaid r when r.amount() == null || r.amount().compareTo(finalAmount) != 0 ->
                    SagaReaction.ignored(this, "paid " + r.amount() + " but the order's amount is " + finalAmount);
            case OrderPaid r -> complete(now);
            case PaymentRejected r -> cancel(reasonOr(r.reason(), "payment rejected"), step, now);
        };
    }

    /** Cancels a pending order past a deadline, compensating every step whose command was sent. */
    public SagaReaction timeOut(Instant now) {
        if (isFinished()) {
            return SagaReaction.ignored(this, "order is already " + status);
        }
        if (!isOverdue(now)) {
            return SagaReaction.ignored(this, "neither the step deadline " + stepDeadline + " nor the deadline "
                    + deadline + " reached");
        }
        return cancel("timed out waiting for " + awaiting.description(), null, now);
    }

    private SagaReaction stockReserved(List<PricedLine> lines, Instant now) {
        List<OrderItem> priced = priced(lines);
        if (priced == null) {
            // The stock is held (the participant says so) but not for what was ordered: undo it.
            return cancel("stock reservation did not match the order's lines", null, now);
        }
        BigDecimal total = priced.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
        if (total.compareTo(MAX_AMOUNT) > 0) {
            // OrderLimits keep every order product-service prices under it (placement refuses more
            // lines or units, product-service larger prices); a reply that still names such a total
            // cancels the order: every amount the saga stores or sends must fit numeric(19,2).
            return cancel("order total " + total + " exceeds the largest amount an order can hold, " + MAX_AMOUNT, null, now);
        }
        Order reserved = next(n -> {
            n.items = priced;
            n.subtotal = total;
        });
        if (couponId == null) {
            return reserved.pay(now);
        }
        return SagaReaction.moved(reserved.awaiting(SagaStep.USE_COUPON),
                List.of(new Outgoing(Topic.COUPON_COMMANDS, new UseCoupon(id, userId, couponId, total))));
    }

    /** The items with the reserved prices, or null when the lines are not exactly the order's. */
    private List<OrderItem> priced(List<PricedLine> lines) {
        if (lines == null || lines.size() != items.size() || lines.stream().anyMatch(Objects::isNull)) {
            return null;
        }
        Map<Long, PricedLine> byProduct = new HashMap<>(lines.stream()
                .collect(Collectors.toMap(PricedLine::productId, Function.identity(), (a, b) -> a)));
        List<OrderItem> priced = new ArrayList<>(items.size());
        for (OrderItem item : items) {
            PricedLine line = byProduct.remove(item.productId());
            if (line == null || line.quantity() != item.quantity() || !isAmount(line.unitPrice())) {
                return null;
            }
            priced.add(item.pricedAt(line.unitPrice().setScale(2, RoundingMode.UNNECESSARY)));
        }
        return priced;
    }

    private SagaReaction couponUsed(BigDecimal couponDiscount, Instant now) {
        if (!isAmount(couponDiscount)) {
            return cancel("coupon-service answered an invalid discount " + couponDiscount, null, now);
        }
        BigDecimal applied = couponDiscount.min(subtotal).setScale(2, RoundingMode.UNNECESSARY);
        Order discounted = next(n -> n.discount = applied);
        return discounted.pay(now);
    }

    private SagaReaction pay(Instant now) {
        BigDecimal amount = subtotal.subtract(discount).max(ZERO).setScale(2, RoundingMode.UNNECESSARY);
        Order priced = next(n -> n.finalAmount = amount);
        if (amount.signum() == 0) {
            // Nothing to take from the balance: the order is complete without a payment step.
            return priced.complete(now);
        }
        return SagaReaction.moved(priced.awaiting(SagaStep.PAY_ORDER),
                List.of(new Outgoing(Topic.BALANCE_COMMANDS, new PayOrder(id, userId, amount))));
    }

    private SagaReaction complete(Instant now) {
        Order completed = finished(OrderStatus.COMPLETED, null, now);
        var event = new OrderCompleted(id, userId,
                items.stream().map(i -> new OrderCompleted.Item(i.productId(), i.quantity(), i.unitPrice())).toList(),
                couponId, subtotal, discount, finalAmount, now);
        return SagaReaction.moved(completed, List.of(
                new Outgoing(Topic.PRODUCT_COMMANDS, new ConfirmStock(id)),
                new Outgoing(Topic.ORDER_COMPLETED, event)));
    }

    /**
     * Cancels the order and undoes, in reverse, every step whose command was sent, except the
     * rejected one (a rejection holds nothing). The compensations are fire-and-forget: participants
     * apply them at most once and the outbox delivers them, so the order is CANCELLED right away.
     * The customer's ORDER_CANCELLED follows them on user-activity.
     */
    private SagaReaction cancel(String reason, SagaStep rejected, Instant now) {
        List<Outgoing> compensations = new ArrayList<>();
        if (compensates(SagaStep.PAY_ORDER, rejected)) {
            compensations.add(new Outgoing(Topic.BALANCE_COMMANDS, new RefundOrder(id, userId)));
        }
        if (compensates(SagaStep.USE_COUPON, rejected)) {
            compensations.add(new Outgoing(Topic.COUPON_COMMANDS, new RestoreCoupon(id, userId, couponId)));
        }
        if (compensates(SagaStep.RESERVE_STOCK, rejected)) {
            compensations.add(new Outgoing(Topic.PRODUCT_COMMANDS, new ReleaseStock(id)));
        }
        Order cancelled = finished(OrderStatus.CANCELLED, truncate(reason), null);
        compensations.add(new Outgoing(Topic.USER_ACTIVITY, new OrderCancelled(userId, id, cancelled.cancellationReason(), now)));
        return SagaReaction.moved(cancelled, compensations);
    }

    private boolean compensates(SagaStep step, SagaStep rejected) {
        return requested.contains(step) && step != rejected;
    }

    private Order awaiting(SagaStep step) {
        Set<SagaStep> sent = EnumSet.of(step);
        sent.addAll(requested);
        return next(n -> {
            n.awaiting = step;
            n.requested = sent;
            n.stepDeadline = null; // the new step's clock starts when its command reaches Kafka
        });
    }

    /** Out of the saga: no step is awaited any more. */
    private Order finished(OrderStatus outcome, String reason, Instant finishedAt) {
        return next(n -> {
            n.status = outcome;
            n.awaiting = null;
            n.cancellationReason = reason;
            n.completedAt = finishedAt;
            n.stepDeadline = null;
        });
    }

    /**
     * The next state: this order with what {@code change} sets on its draft. Every transition goes
     * through here, so each names only the fields it moves.
     */
    private Order next(Consumer<Draft> change) {
        var draft = new Draft(this);
        change.accept(draft);
        return draft.order();
    }

    private static boolean isAmount(BigDecimal value) {
        return value != null && value.signum() >= 0 && value.stripTrailingZeros().scale() <= 2;
    }

    private static String reasonOr(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason;
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    }

    /** The fields a transition may move, starting as the order's; who placed what, and when, stays. */
    private static final class Draft {

        private final Order from;
        private Long id;
        private List<OrderItem> items;
        private OrderStatus status;
        private SagaStep awaiting;
        private Set<SagaStep> requested;
        private BigDecimal subtotal;
        private BigDecimal discount;
        private BigDecimal finalAmount;
        private String cancellationReason;
        private Instant stepDeadline;
        private Instant completedAt;

        private Draft(Order from) {
            this.from = from;
            id = from.id;
            items = from.items;
            status = from.status;
            awaiting = from.awaiting;
            requested = from.requested;
            subtotal = from.subtotal;
            discount = from.discount;
            finalAmount = from.finalAmount;
            cancellationReason = from.cancellationReason;
            stepDeadline = from.stepDeadline;
            completedAt = from.completedAt;
        }

        private Order order() {
            return new Order(id, from.userId, from.idempotencyKey, items, from.couponId, status, awaiting, requested,
                    subtotal, discount, finalAmount, cancellationReason, from.createdAt, from.deadline, stepDeadline,
                    completedAt);
        }
    }
}
