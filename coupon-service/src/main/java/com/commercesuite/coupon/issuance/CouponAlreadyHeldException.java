package com.commercesuite.coupon.issuance;

import com.commercesuite.web.problems.ConflictException;

/** The user was admitted to this coupon before: one per user. */
class CouponAlreadyHeldException extends ConflictException {

    CouponAlreadyHeldException(long couponId, long userId) {
        super("user " + userId + " already has coupon " + couponId);
    }
}
