package com.commercesuite.events.saga;

import java.math.BigDecimal;

/**
 * Mark the user's coupon used by this order and work out the discount on {@code orderAmount}.
 * Answered by {@link CouponUsed} or {@link CouponUseRejected}.
 */
public record UseCoupon(long orderId, long userId, long couponId, BigDecimal orderAmount) implements CouponCommand {
}
