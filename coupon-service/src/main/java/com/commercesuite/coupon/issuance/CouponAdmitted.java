package com.commercesuite.coupon.issuance;

/** The 202 answer: the user holds the coupon; it reaches their wallet once coupon-issue is consumed. */
record CouponAdmitted(long couponId, long userId, String status) {

    static CouponAdmitted of(long couponId, long userId) {
        return new CouponAdmitted(couponId, userId, "ADMITTED");
    }
}
