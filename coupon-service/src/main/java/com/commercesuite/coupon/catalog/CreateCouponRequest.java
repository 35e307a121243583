package com.commercesuite.coupon.catalog;

import com.commercesuite.coupon.domain.DiscountType;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/** {@code POST /api/coupons}; the rules across fields (percentage, window) are checked by the controller. */
record CreateCouponRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @NotNull DiscountType discountType,
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 17, fraction = 2) BigDecimal discountValue,
        @NotNull Instant validFrom,
        @NotNull Instant validUntil) {
}
