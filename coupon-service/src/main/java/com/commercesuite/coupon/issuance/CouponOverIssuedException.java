package com.commercesuite.coupon.issuance;

/**
 * PostgreSQL already counts the coupon's full quantity: Redis admitted a user beyond it, which only
 * happens after Redis lost admissions. The transaction rolls back and the admission is taken back.
 */
class CouponOverIssuedException extends RuntimeException {

    CouponOverIssuedException(long couponId) {
        super("coupon " + couponId + " is fully issued in PostgreSQL; an admission beyond its quantity is taken back");
    }
}
