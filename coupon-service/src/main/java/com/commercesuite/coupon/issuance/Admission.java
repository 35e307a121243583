package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.catalog.Coupon;
import java.time.Instant;

/** A user Redis admitted to a coupon, at a time: what an issuance records. */
record Admission(Coupon coupon, long userId, Instant admittedAt) {
}
