package com.commercesuite.dataplatform.testevents;

import com.commercesuite.events.DomainEvent;
import java.time.Instant;

/** As coupon-service publishes it on user-activity: event type COUPON_RECEIVED, keyed by user. */
public record CouponReceived(long userId, long couponId, String couponName, Instant receivedAt) implements DomainEvent {

    @Override
    public String aggregateType() {
        return "user";
    }

    @Override
    public String aggregateId() {
        return Long.toString(userId);
    }
}
