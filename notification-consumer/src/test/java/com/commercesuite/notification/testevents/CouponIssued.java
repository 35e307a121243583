package com.commercesuite.notification.testevents;

import com.commercesuite.events.CouponEvent;
import java.time.Instant;

/** coupon-service's COUPON_ISSUED on coupon-issue. */
public record CouponIssued(long couponId, long userId, String name, Instant validUntil) implements CouponEvent {
}
