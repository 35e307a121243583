package com.commercesuite.coupon.domain;

import com.commercesuite.events.CouponEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** A coupon campaign was created; on coupon-issue, keyed by the coupon id. */
public record CouponCreated(
        long couponId,
        String name,
        int quantity,
        DiscountType discountType,
        BigDecimal discountValue,
        Instant validFrom,
        Instant validUntil) implements CouponEvent {

    public static CouponCreated of(Coupon coupon) {
        return new CouponCreated(coupon.id(), coupon.name(), coupon.quantity(), coupon.discountType(),
                coupon.discountValue(), coupon.validFrom(), coupon.validUntil());
    }
}
