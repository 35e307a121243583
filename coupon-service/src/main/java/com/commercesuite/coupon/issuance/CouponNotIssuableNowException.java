package com.commercesuite.coupon.issuance;

import com.commercesuite.web.problems.ConflictException;

/** The request is fine but the coupon's validity window is not open now (not started yet, or over). */
class CouponNotIssuableNowException extends ConflictException {

    CouponNotIssuableNowException(String reason) {
        super(reason);
    }
}
