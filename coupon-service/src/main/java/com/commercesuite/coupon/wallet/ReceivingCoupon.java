package com.commercesuite.coupon.wallet;

import com.commercesuite.consumer.Inbox;
import com.commercesuite.consumer.BulkPollWriter;
import com.commercesuite.coupon.catalog.Coupons;
import com.commercesuite.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

    private final Inbox inbox;
    private final UserCoupons wallets;
    private final Coupons coupons;

    ReceivingCoupon(Inbox inbox, UserCoupons wallets, Coupons coupons) {
        this.inbox = inbox;
        this.wallets = wallets;
        this.coupons = coupons;
    }

    /** @return the issuance, or null for the topic's other events */
    @Override
    public IssuedCoupon read(EventEnvelope envelope) {
        return IssuedCoupon.EVENT_TYPE.equals(envelope.eventType()) ? IssuedCoupon.from(envelope) : null;
    }

    /** One record alone: names an issuance of an unknown coupon, which fails the poll's insert. */
    @Override
    public boolean write(EventEnvelope envelope, IssuedCoupon issued) {
        if (issued == null) {
            return false;
        }
        if (!inbox.firstDelivery(CONSUMER, envelope)) {
            log.info("Event {} (coupon {} for user {}) processed before; skipped", envelope.eventId(), issued.couponId(),
                    issued.userId());
            return false;
        }
        if (coupons.find(issued.couponId()).isEmpty()) {
            throw new UnknownCouponEventException(envelope, issued.couponId());
        }
        if (wallets.add(issued.couponId(), issued.userId())) {
            log.info("Coupon {} added to the wallet of user {}", issued.couponId(), issued.userId());
        }
        return true;
    }

    /**
     * A poll in two statements: its inbox rows, then its wallet rows. An unknown coupon fails the
     * insert (foreign key), and the poll is applied again one record at a time by {@link #write}.
     */
    @Override
    public List<Boolean> writeAll(List<EventEnvelope> envelopes, List<IssuedCoupon> issued) {
        List<EventEnvelope> issuances = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            if (issued.get(i) != null) {
                issuances.add(envelopes.get(i));
            }
        }
        Set<UUID> first = issuances.isEmpty() ? Set.of() : inbox.firstDeliveries(CONSUMER, issuances);
        List<IssuedCoupon> toAdd = new ArrayList<>(first.size());
        List<Boolean> applied = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            boolean isFirst = issued.get(i) != null && first.contains(envelopes.get(i).eventId());
            if (isFirst) {
                toAdd.add(issued.get(i));
            }
            applied.add(isFirst);
        }
        int added = wallets.addAll(toAdd);
        if (!toAdd.isEmpty()) {
            log.info("Coupons added to wallets: {} of {} issuances in this poll ({} held already)", added, toAdd.size(),
                    toAdd.size() - added);
        }
        return applied;
    }
}
