package com.commercesuite.coupon.wallet;

import com.commercesuite.consumer.NonRetryableEventException;
import com.commercesuite.events.EventEnvelope;

/** An issuance of a coupon this database does not have (another environment's record): no retry helps. */
class UnknownCouponEventException extends NonRetryableEventException {

    UnknownCouponEventException(EventEnvelope envelope, long couponId) {
        super("event " + envelope.eventId() + " issues coupon " + couponId + ", which does not exist here");
    }
}
