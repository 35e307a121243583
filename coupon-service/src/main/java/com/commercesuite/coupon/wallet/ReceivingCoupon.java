package com.commercesuite.coupon.wallet;

import com.commercesuite.consumer.BulkPollWriter;
import com.commercesuite.coupon.catalog.Coupons;
import com.commercesuite.events.EventEnvelope;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Puts issued coupons into the users' wallets, once per event and once per (coupon, user), a poll
 * at a time in the transaction of the library's {@code PollApplier}. The topic also carries the
 * coupon's other events (COUPON_CREATED, COUPON_RESTORED); the wallet takes only COUPON_ISSUED.
 */
@Service
class ReceivingCoupon implements BulkPollWriter<IssuedCoupon> {

    static final String CONSUMER = "coupon-issue";

    private static final Logger log = LoggerFactory.getLogger(ReceivingCoupon.class);

    private final UserCoupons wallets;
    private final Coupons coupons;

    ReceivingCoupon(UserCoupons wallets, Coupons coupons) {
        this.wallets = wallets;
        this.coupons = coupons;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    /** @return the issuance, or null for the topic's other events */
    @Override
    public IssuedCoupon read(EventEnvelope envelope) {
        return IssuedCoupon.EVENT_TYPE.equals(envelope.eventType()) ? IssuedCoupon.from(envelope) : null;
    }

    /** One record alone: names an issuance of an unknown coupon, which fails the poll's insert. */
    @Override
    public void write(EventEnvelope envelope, IssuedCoupon issued) {
        if (coupons.find(issued.couponId()).isEmpty()) {
            throw new UnknownCouponEventException(envelope, issued.couponId());
        }
        if (wallets.add(issued.couponId(), issued.userId())) {
            log.info("Coupon {} added to the wallet of user {}", issued.couponId(), issued.userId());
        }
    }

    /**
     * A poll's wallet rows in one statement. An unknown coupon fails the insert (foreign key), and
     * the poll is applied again one record at a time by {@link #write}.
     */
    @Override
    public void writeAll(List<EventEnvelope> envelopes, List<IssuedCoupon> issued) {
        int added = wallets.addAll(issued);
        log.info("Coupons added to wallets: {} of {} issuances in this poll ({} held already)", added, issued.size(),
                issued.size() - added);
    }
}
