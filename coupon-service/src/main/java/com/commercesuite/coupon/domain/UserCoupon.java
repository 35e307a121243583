package com.commercesuite.coupon.domain;

/** One user's copy of one coupon. */
public record UserCoupon(long couponId, long userId, CouponStatus status, Long usedByOrderId) {
}
