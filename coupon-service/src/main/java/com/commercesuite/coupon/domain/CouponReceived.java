package com.commercesuite.coupon.domain;

import com.commercesuite.events.UserEvent;
import java.time.Instant;

/** User activity: the user received a coupon; on user-activity, keyed {@code user:{userId}}. */
public record CouponReceived(long userId, long couponId, String couponName, Instant receivedAt) implements UserEvent {
}
