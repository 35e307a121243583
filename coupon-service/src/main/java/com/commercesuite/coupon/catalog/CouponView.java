package com.commercesuite.coupon.catalog;

import com.commercesuite.coupon.domain.Coupon;
import com.commercesuite.coupon.domain.DiscountType;
import java.math.BigDecimal;
import java.time.Instant;

/** A coupon as the API shows it; {@code issued} counts the users admitted so far. */
record CouponView(
        long id,
        String name,
        int quantity,
        long issued,
        DiscountType discountType,
        BigDecimal discountValue,
        Instant validFrom,
        Instant validUntil) {

    static CouponView of(Coupon coupon, long issued) {
        return new CouponView(coupon.id(), coupon.name(), coupon.quantity(), issued, coupon.discountType(),
                coupon.discountValue(), coupon.validFrom(), coupon.validUntil());
    }
}
