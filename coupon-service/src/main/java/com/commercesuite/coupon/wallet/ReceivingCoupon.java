package com.commercesuite.coupon.wallet;

import com.commercesuite.consumer.Inbox;
import com.commercesuite.coupon.catalog.Coupons;
import com.commercesuite.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Puts an issued coupon into the user's wallet, once per event and once per (coupon, user). */
@Service
class ReceivingCoupon {

    static final String CONSUMER = "coupon-issue";

    private static final Logger log = LoggerFactory.getLogger(ReceivingCoupon.class);

    private final Inbox inbox;
    private final UserCoupons wallets;
    private final Coupons coupons;

    ReceivingCoupon(Inbox inbox, UserCoupons wallets, Coupons coupons) {
        this.inbox = inbox;
        this.wallets = wallets;
        this.coupons = coupons;
    }

    @Transactional
    void receive(EventEnvelope envelope, IssuedCoupon issued) {
        if (!inbox.firstDelivery(CONSUMER, envelope)) {
            log.info("Event {} (coupon {} for user {}) processed before; skipped", envelope.eventId(), issued.couponId(),
                    issued.userId());
            return;
        }
        if (coupons.find(issued.couponId()).isEmpty()) {
            throw new UnknownCouponEventException(envelope, issued.couponId());
        }
        if (wallets.add(issued.couponId(), issued.userId())) {
            log.info("Coupon {} added to the wallet of user {}", issued.couponId(), issued.userId());
        }
    }
}
