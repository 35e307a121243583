package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.catalog.Coupon;
import com.commercesuite.events.Topic;
import com.commercesuite.outbox.Outbox;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an admission in PostgreSQL with its events, in one transaction. Used by the issue request
 * right after Redis admitted the user, and by the reconciler for admissions whose request died
 * before this commit; whichever comes first records it, the other finds the row and does nothing.
 */
@Service
class RecordingIssuance {

    private static final Logger log = LoggerFactory.getLogger(RecordingIssuance.class);

    private final Issuances issuances;
    private final Outbox outbox;

    RecordingIssuance(Issuances issuances, Outbox outbox) {
        this.issuances = issuances;
        this.outbox = outbox;
    }

    /**
     * @return true when recorded now, false when it was recorded before
     * @throws CouponOverIssuedException when PostgreSQL already counts the full quantity (nothing is written)
     */
    @Transactional
    boolean record(Coupon coupon, long userId, Instant admittedAt) {
        if (!issuances.insert(coupon.id(), userId, admittedAt)) {
            return false;
        }
        if (!issuances.countOneMore(coupon.id())) {
            throw new CouponOverIssuedException(coupon.id(), userId);
        }
        outbox.append(Topic.COUPON_ISSUE, CouponIssued.of(coupon, userId, admittedAt));
        outbox.append(Topic.USER_ACTIVITY, new CouponReceived(userId, coupon.id(), coupon.name(), admittedAt));
        log.info("Coupon {} issued to user {} (admitted at {})", coupon.id(), userId, admittedAt);
        return true;
    }
}
