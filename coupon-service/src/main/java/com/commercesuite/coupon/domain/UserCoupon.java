package com.commercesuite.coupon.domain;

import java.util.Comparator;

/** One user's copy of one coupon. */
public record UserCoupon(long couponId, long userId, CouponStatus status, Long usedByOrderId) {

    /** Which user's coupon: the row's key. */
    public record Key(long couponId, long userId) {

        /** The order in which keys are locked, so that transactions locking several never wait in a cycle. */
        public static final Comparator<Key> ORDER = Comparator.comparingLong(Key::couponId).thenComparingLong(Key::userId);
    }
}
