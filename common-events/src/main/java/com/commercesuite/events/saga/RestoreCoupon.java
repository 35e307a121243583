package com.commercesuite.events.saga;

/** Compensation: the coupon this order used becomes usable again; nothing if the order never used it. */
public record RestoreCoupon(long orderId, long userId, long couponId) implements CouponCommand {
}
