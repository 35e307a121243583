package com.commercesuite.events.saga;

/** The coupon cannot be used: not held by the user, already used, or outside its validity window. */
public record CouponUseRejected(long orderId, long couponId, String reason) implements SagaReply {
}
