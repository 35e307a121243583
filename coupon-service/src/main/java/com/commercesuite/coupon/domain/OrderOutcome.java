package com.commercesuite.coupon.domain;

import com.commercesuite.events.saga.CouponUseRejected;
import com.commercesuite.events.saga.CouponUsed;
import com.commercesuite.events.saga.SagaReply;
import java.math.BigDecimal;

/**
 * What the saga did with an order's coupon: used it (with the discount), refused it (with the
 * reason), or restored it / saw its compensation first (tombstone). A repeated UseCoupon of the
 * order is answered from this, so it gets the same answer and changes nothing.
 */
public record OrderOutcome(long orderId, long couponId, long userId, Kind kind, BigDecimal discount, String reason) {

    public enum Kind {
        USED,
        REJECTED,
        RESTORED
    }

    public static OrderOutcome used(long orderId, long couponId, long userId, BigDecimal discount) {
        return new OrderOutcome(orderId, couponId, userId, Kind.USED, discount, null);
    }

    public static OrderOutcome rejected(long orderId, long couponId, long userId, String reason) {
        return new OrderOutcome(orderId, couponId, userId, Kind.REJECTED, null, reason);
    }

    public static OrderOutcome restoredFirst(long orderId, long couponId, long userId) {
        return new OrderOutcome(orderId, couponId, userId, Kind.RESTORED, null,
                "order " + orderId + " was compensated (RestoreCoupon) before its UseCoupon");
    }

    /** The answer to a UseCoupon of this order, now and on every repetition. */
    public SagaReply reply() {
        return switch (kind) {
            case USED -> new CouponUsed(orderId, couponId, discount);
            case REJECTED -> new CouponUseRejected(orderId, couponId, reason);
            case RESTORED -> new CouponUseRejected(orderId, couponId, reason != null ? reason
                    : "order " + orderId + " was compensated: its coupon was restored");
        };
    }
}
