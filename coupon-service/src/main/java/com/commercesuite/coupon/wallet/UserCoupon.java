package com.commercesuite.coupon.wallet;

/** One user's copy of one coupon. */
public record UserCoupon(long couponId, long userId, CouponStatus status, Long usedByOrderId) {
}
