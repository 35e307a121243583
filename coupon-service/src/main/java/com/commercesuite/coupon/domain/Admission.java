package com.commercesuite.coupon.domain;

import java.time.Instant;

/** A user Redis admitted to a coupon, at a time: what an issuance records. */
public record Admission(Coupon coupon, long userId, Instant admittedAt) {
}
