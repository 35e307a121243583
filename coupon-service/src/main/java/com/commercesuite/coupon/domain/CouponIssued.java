package com.commercesuite.coupon.domain;

import com.commercesuite.events.CouponEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** A user was admitted to a coupon and the issuance is recorded; on coupon-issue, keyed by the coupon id. */
public record CouponIssued(
        long couponId,
        long userId,
        String name,
        DiscountType discountType,
        BigDecimal discountValue,
        Instant validUntil,
        Instant admittedAt) implements CouponEvent {

    public static CouponIssued of(Coupon coupon, long userId, Instant admittedAt) {
        return new CouponIssued(coupon.id(), userId, coupon.name(), coupon.discountType(), coupon.discountValue(),
                coupon.validUntil(), admittedAt);
    }
}
