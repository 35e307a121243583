package com.commercesuite.coupon.domain;

import com.commercesuite.events.CouponEvent;

/** An order's compensation gave the user's coupon back; on coupon-issue, keyed by the coupon id. */
public record CouponRestored(long couponId, long userId, long orderId) implements CouponEvent {
}
