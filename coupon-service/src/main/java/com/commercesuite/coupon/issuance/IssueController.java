package com.commercesuite.coupon.issuance;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class IssueController {

    private final IssuingCoupon issuing;

    IssueController(IssuingCoupon issuing) {
        this.issuing = issuing;
    }

    /** 202: admitted and recorded; the user's wallet follows asynchronously (coupon-issue consumer). */
    @PostMapping("/api/coupons/{couponId}/issue")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CouponAdmitted issue(@PathVariable long couponId, @Valid @RequestBody IssueCouponRequest request) {
        issuing.issue(couponId, request.userId());
        return CouponAdmitted.of(couponId, request.userId());
    }
}
