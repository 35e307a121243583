package com.commercesuite.coupon.saga;

import com.commercesuite.events.DomainEvent;

/** An order's compensation gave the user's coupon back; on coupon-issue, keyed by the coupon id. */
record CouponRestored(long couponId, long userId, long orderId) implements DomainEvent {

    @Override
    public String aggregateType() {
        return "coupon";
    }

    @Override
    public String aggregateId() {
        return Long.toString(couponId);
    }
}
