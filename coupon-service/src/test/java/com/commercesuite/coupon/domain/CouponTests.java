package com.commercesuite.coupon.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CouponTests {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void aFixedDiscountTakesItsValueButNeverMoreThanTheOrder() {
        Coupon fiveOff = coupon(DiscountType.FIXED, "5.00");

        assertThat(fiveOff.discountOn(new BigDecimal("30.00"))).isEqualByComparingTo("5.00");
        assertThat(fiveOff.discountOn(new BigDecimal("3.20"))).isEqualTo(new BigDecimal("3.20"));
    }

    @Test
    void aPercentageDiscountIsRoundedHalfUpToCents() {
        Coupon fifteenPercent = coupon(DiscountType.PERCENTAGE, "15");

        assertThat(fifteenPercent.discountOn(new BigDecimal("33.33"))).isEqualTo(new BigDecimal("5.00"));
        assertThat(fifteenPercent.discountOn(new BigDecimal("0.10"))).isEqualTo(new BigDecimal("0.02"));
        assertThat(coupon(DiscountType.PERCENTAGE, "100").discountOn(new BigDecimal("12.34"))).isEqualTo(new BigDecimal("12.34"));
    }

    @Test
    void isValidFromItsStartUntilJustBeforeItsEnd() {
        Coupon coupon = coupon(DiscountType.FIXED, "1.00");

        assertThat(coupon.outsideValidity(FROM.minusMillis(1))).hasValueSatisfying(r -> assertThat(r).contains("valid from"));
        assertThat(coupon.outsideValidity(FROM)).isEmpty();
        assertThat(coupon.outsideValidity(UNTIL.minusMillis(1))).isEmpty();
        assertThat(coupon.outsideValidity(UNTIL)).hasValueSatisfying(r -> assertThat(r).contains("expired"));
    }

    private static Coupon coupon(DiscountType type, String value) {
        return new Coupon(1, "c", 10, type, new BigDecimal(value), FROM, UNTIL);
    }
}
