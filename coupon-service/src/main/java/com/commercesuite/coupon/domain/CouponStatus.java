package com.commercesuite.coupon.domain;

/** A coupon in a user's wallet: usable, or used by an order. */
public enum CouponStatus {
    AVAILABLE,
    USED
}
