package com.commercesuite.coupon.issuance;

import com.commercesuite.events.DomainEvent;
import java.time.Instant;

/** coupon-service's user action for the contract tests, made here because its record is package-private. */
public final class CouponReceivedSample {

    private CouponReceivedSample() {
    }

    /** A coupon whose id differs from the user's, so that a mix-up shows. */
    public static DomainEvent byUser(long userId) {
        return new CouponReceived(userId, 501L, "Spring 10%", Instant.parse("2026-03-01T10:15:30Z"));
    }
}
