package com.commercesuite.events;

/** An event of one coupon campaign (aggregate {@code coupon}, id the coupon id), on coupon-issue. */
public interface CouponEvent extends AggregateEvent {

    long couponId();

    @Override
    default Ref aggregate() {
        return new Ref("coupon", couponId());
    }
}
