package com.commercesuite.coupon.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A coupon campaign: what it takes off an order, how many can be issued, and when it can be issued
 * and used ({@code validFrom <= now < validUntil}). Immutable once created, so it may be cached.
 */
public record Coupon(
        long id,
        String name,
        int quantity,
        DiscountType discountType,
        BigDecimal discountValue,
        Instant validFrom,
        Instant validUntil) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Coupon {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(discountType, "discountType");
        Objects.requireNonNull(discountValue, "discountValue");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /** Why the coupon cannot be issued or used at {@code now}, or empty when it can. */
    public Optional<String> outsideValidity(Instant now) {
        if (now.isBefore(validFrom)) {
            return Optional.of("coupon " + id + " is valid from " + validFrom);
        }
        if (!now.isBefore(validUntil)) {
            return Optional.of("coupon " + id + " expired at " + validUntil);
        }
        return Optional.empty();
    }

    /**
     * The discount on an order of {@code orderAmount}: the fixed value or the percentage (rounded
     * half-up to cents), never more than the order amount.
     */
    public BigDecimal discountOn(BigDecimal orderAmount) {
        BigDecimal discount = switch (discountType) {
            case FIXED -> discountValue;
            case PERCENTAGE -> orderAmount.multiply(discountValue).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        };
        return discount.min(orderAmount).setScale(2, RoundingMode.HALF_UP);
    }
}
