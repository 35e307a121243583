package com.commercesuite.coupon.saga;

import com.commercesuite.consumer.PollWriter;
import com.commercesuite.coupon.catalog.Coupons;
import com.commercesuite.coupon.domain.Coupon;
import com.commercesuite.coupon.domain.CouponRestored;
import com.commercesuite.coupon.domain.CouponStatus;
import com.commercesuite.coupon.domain.OrderOutcome;
import com.commercesuite.coupon.domain.UserCoupon;
import com.commercesuite.coupon.wallet.UserCoupons;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.CouponCommand;
import com.commercesuite.events.saga.RestoreCoupon;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.UseCoupon;
import com.commercesuite.outbox.Outbox;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coupon step of the order saga. Each command is applied in its poll's transaction with its inbox
 * entry and its reply (through the outbox), and at most once per order: the order's outcome row
 * answers repetitions, and a compensation that comes first leaves a tombstone.
 */
@Service
class UsingCoupons implements PollWriter<CouponCommand> {

    static final String CONSUMER = "coupon-saga";

    private static final Logger log = LoggerFactory.getLogger(UsingCoupons.class);

    private final OrderOutcomes outcomes;
    private final UserCoupons wallets;
    private final Coupons coupons;
    private final Outbox outbox;
    private final Clock clock;

    UsingCoupons(OrderOutcomes outcomes, UserCoupons wallets, Coupons coupons, Outbox outbox,
            Clock clock) {
        this.outcomes = outcomes;
        this.wallets = wallets;
        this.coupons = coupons;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public CouponCommand read(EventEnvelope envelope) {
        return SagaMessages.read(envelope, CouponCommand.class);
    }

    /** Locks the poll's held coupons by coupon, then user: one user's orders may be on every partition. */
    @Override
    public void lockAhead(List<CouponCommand> commands) {
        commands.stream()
                .map(command -> new UserCoupon.Key(command.couponId(), command.userId()))
                .distinct()
                .sorted(UserCoupon.Key.ORDER)
                .forEach(key -> wallets.lock(key.couponId(), key.userId()));
    }

    @Override
    @Transactional
    public void write(EventEnvelope envelope, CouponCommand command) {
        switch (command) {
            case UseCoupon use -> use(use);
            case RestoreCoupon restore -> restore(restore);
        }
    }

    private void use(UseCoupon command) {
        OrderOutcome outcome = outcomes.lock(command.orderId()).orElseGet(() -> {
            OrderOutcome decided = decide(command);
            outcomes.insert(decided);
            return decided;
        });
        outbox.append(Topic.ORDER_SAGA_REPLIES, outcome.reply());
        if (outcome.kind() == OrderOutcome.Kind.USED) {
            log.info("Order {}: coupon {} of user {} used, discount {}", command.orderId(), outcome.couponId(),
                    outcome.userId(), outcome.discount());
        } else {
            log.info("Order {}: coupon {} refused: {}", command.orderId(), outcome.couponId(), outcome.reply());
        }
    }

    private OrderOutcome decide(UseCoupon command) {
        Optional<String> refusal = refusal(command);
        if (refusal.isPresent()) {
            return OrderOutcome.rejected(command.orderId(), command.couponId(), command.userId(), refusal.get());
        }
        Coupon coupon = coupons.find(command.couponId()).orElseThrow();
        if (!wallets.markUsed(command.couponId(), command.userId(), command.orderId())) {
            return OrderOutcome.rejected(command.orderId(), command.couponId(), command.userId(),
                    "coupon " + command.couponId() + " is no longer available");
        }
        BigDecimal discount = coupon.discountOn(command.orderAmount());
        return OrderOutcome.used(command.orderId(), command.couponId(), command.userId(), discount);
    }

    /** Why the coupon cannot be used for this order, if it cannot. Locks the user's coupon. */
    private Optional<String> refusal(UseCoupon command) {
        BigDecimal amount = command.orderAmount();
        if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            return Optional.of("order amount " + amount + " is not a non-negative amount with at most 2 decimals");
        }
        Optional<UserCoupon> held = wallets.lock(command.couponId(), command.userId());
        if (held.isEmpty()) {
            wallets.catchUpWithIssuance(command.couponId(), command.userId());
            held = wallets.lock(command.couponId(), command.userId());
        }
        if (held.isEmpty()) {
            return Optional.of("user " + command.userId() + " does not hold coupon " + command.couponId());
        }
        if (held.get().status() == CouponStatus.USED) {
            return Optional.of("coupon " + command.couponId() + " already used by order " + held.get().usedByOrderId());
        }
        // Held implies the coupon exists (foreign key).
        Coupon coupon = coupons.find(command.couponId()).orElseThrow();
        return coupon.outsideValidity(clock.instant());
    }

    private void restore(RestoreCoupon command) {
        Optional<OrderOutcome> previous = outcomes.lock(command.orderId());
        if (previous.isEmpty()) {
            outcomes.insert(OrderOutcome.restoredFirst(command.orderId(), command.couponId(), command.userId()));
            log.info("Order {}: RestoreCoupon before any UseCoupon; tombstone recorded", command.orderId());
            return;
        }
        OrderOutcome outcome = previous.get();
        if (outcome.kind() != OrderOutcome.Kind.USED) {
            log.info("Order {}: nothing to restore (outcome {})", command.orderId(), outcome.kind());
            return;
        }
        if (outcome.couponId() != command.couponId() || outcome.userId() != command.userId()) {
            // The saga restores the coupon it used: this record describes no use made here.
            log.warn("Order {}: RestoreCoupon names coupon {} of user {}, but the order used coupon {} of user {}: nothing restored",
                    command.orderId(), command.couponId(), command.userId(), outcome.couponId(), outcome.userId());
            return;
        }
        if (wallets.markAvailable(outcome.couponId(), outcome.userId(), outcome.orderId())) {
            outbox.append(Topic.COUPON_ISSUE, new CouponRestored(outcome.couponId(), outcome.userId(), outcome.orderId()));
        }
        outcomes.markRestored(command.orderId());
        log.info("Order {}: coupon {} of user {} restored", command.orderId(), outcome.couponId(), outcome.userId());
    }
}
