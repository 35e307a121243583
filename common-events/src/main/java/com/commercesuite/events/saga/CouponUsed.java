package com.commercesuite.events.saga;

import java.math.BigDecimal;

/** The coupon is now used by this order; {@code discount} is at most the order amount. */
public record CouponUsed(long orderId, long couponId, BigDecimal discount) implements SagaReply {
}
