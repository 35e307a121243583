package com.commercesuite.coupon.issuance;

import com.commercesuite.web.problems.GoneException;

/** Every coupon of the campaign has been issued. */
class CouponSoldOutException extends GoneException {

    CouponSoldOutException(long couponId) {
        super("coupon " + couponId + " is sold out");
    }
}
