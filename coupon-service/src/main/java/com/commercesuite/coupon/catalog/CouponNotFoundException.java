package com.commercesuite.coupon.catalog;

import com.commercesuite.web.problems.NotFoundException;

/** No coupon has this id. */
public class CouponNotFoundException extends NotFoundException {

    public CouponNotFoundException(long couponId) {
        super("coupon " + couponId + " does not exist");
    }
}
