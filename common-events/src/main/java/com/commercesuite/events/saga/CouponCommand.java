package com.commercesuite.events.saga;

/** Commands to coupon-service, on {@code coupon-commands}. */
public sealed interface CouponCommand extends SagaMessage permits UseCoupon, RestoreCoupon {

    /** The user whose coupon the command moves. */
    long userId();

    long couponId();
}
