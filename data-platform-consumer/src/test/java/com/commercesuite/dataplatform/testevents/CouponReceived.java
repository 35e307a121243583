package com.commercesuite.dataplatform.testevents;

import com.commercesuite.events.UserEvent;
import java.time.Instant;

/** As coupon-service publishes it on user-activity: event type COUPON_RECEIVED, keyed by user. */
public record CouponReceived(long userId, long couponId, String couponName, Instant receivedAt) implements UserEvent {
}
