package com.commercesuite.coupon.catalog;

import com.commercesuite.coupon.domain.Coupon;

/**
 * The coupon's admission state (kept in Redis by the issuance feature): the catalog opens it when a
 * coupon is created and asks it how many users were admitted.
 */
public interface Admissions {

    /** Makes the coupon admissible up to its quantity. Idempotent. */
    void open(Coupon coupon);

    /** How many users were admitted so far. */
    long admittedCount(Coupon coupon);
}
