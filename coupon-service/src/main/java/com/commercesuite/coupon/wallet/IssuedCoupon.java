package com.commercesuite.coupon.wallet;

import com.commercesuite.consumer.NonRetryableEventException;
import com.commercesuite.events.EventEnvelope;

/** The wallet's own view of a COUPON_ISSUED payload: only what it keeps. */
record IssuedCoupon(Long couponId, Long userId) {

    static final String EVENT_TYPE = "COUPON_ISSUED";

    static IssuedCoupon from(EventEnvelope envelope) {
        if (envelope.schemaVersion() != 1) {
            throw new NonRetryableEventException("unsupported schemaVersion " + envelope.schemaVersion() + " of " + EVENT_TYPE);
        }
        IssuedCoupon issued = envelope.payloadAs(IssuedCoupon.class);
        if (issued.couponId() == null || issued.userId() == null) {
            throw new NonRetryableEventException(EVENT_TYPE + " " + envelope.eventId() + " lacks couponId or userId");
        }
        return issued;
    }
}
