package com.commercesuite.coupon.catalog;

import com.commercesuite.web.problems.InvalidInputException;

/** A coupon definition whose fields do not fit together. */
class InvalidCouponException extends InvalidInputException {

    InvalidCouponException(String field, String detail) {
        super(field, detail);
    }
}
