package com.commercesuite.coupon.issuance;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code POST /api/coupons/{id}/issue}. */
record IssueCouponRequest(@NotNull @Positive Long userId) {
}
