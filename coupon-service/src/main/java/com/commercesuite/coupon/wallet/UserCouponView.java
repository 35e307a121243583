package com.commercesuite.coupon.wallet;

import com.commercesuite.coupon.domain.CouponStatus;
import com.commercesuite.coupon.domain.DiscountType;
import java.math.BigDecimal;
import java.time.Instant;

/** A coupon in the user's wallet, as the API shows it. */
record UserCouponView(
        long couponId,
        String name,
        DiscountType discountType,
        BigDecimal discountValue,
        Instant validFrom,
        Instant validUntil,
        CouponStatus status,
        Long usedByOrderId) {
}
