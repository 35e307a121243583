package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.domain.Admission;
import com.commercesuite.coupon.domain.Coupon;
import com.commercesuite.coupon.domain.CouponIssued;
import com.commercesuite.coupon.domain.CouponReceived;
import com.commercesuite.events.Topic;
import com.commercesuite.outbox.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records admissions in PostgreSQL with their events, in one transaction. Used by the issue
 * requests' group commit right after Redis admitted the users, and by the reconciler for admissions
 * whose request died before the commit; whichever comes first records it, the other finds the row
 * and does nothing.
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
        return !recordAll(List.of(new Admission(coupon, userId, admittedAt))).isEmpty();
    }

    /**
     * Records many admissions at once: one insert of the issuances, one count update per coupon (in
     * coupon order, so writers never wait on each other in a circle), one outbox append.
     *
     * @return the admissions recorded now; the others were recorded before
     * @throws CouponOverIssuedException when a coupon's new issuances would pass its quantity in
     *     PostgreSQL (nothing is written; record them one by one to find which)
     */
    @Transactional
    List<Admission> recordAll(List<Admission> admissions) {
        List<Admission> recorded = issuances.insertAll(admissions);
        Map<Long, Integer> perCoupon = new TreeMap<>();
        for (Admission admission : recorded) {
            perCoupon.merge(admission.coupon().id(), 1, Integer::sum);
        }
        perCoupon.forEach((couponId, n) -> {
            if (!issuances.countMore(couponId, n)) {
                throw new CouponOverIssuedException(couponId);
            }
        });
        List<Outbox.Entry> events = new ArrayList<>(recorded.size() * 2);
        for (Admission admission : recorded) {
            Coupon coupon = admission.coupon();
            events.add(new Outbox.Entry(Topic.COUPON_ISSUE, CouponIssued.of(coupon, admission.userId(), admission.admittedAt())));
            events.add(new Outbox.Entry(Topic.USER_ACTIVITY,
                    new CouponReceived(admission.userId(), coupon.id(), coupon.name(), admission.admittedAt())));
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        // One line per commit: at a rush's rate a line per user would cost more than the commit.
        log.info("Issuances recorded: {} (of {} admissions; per coupon {})", recorded.size(), admissions.size(), perCoupon);
        if (log.isDebugEnabled()) {
            recorded.forEach(a -> log.debug("Coupon {} issued to user {} (admitted at {})", a.coupon().id(), a.userId(), a.admittedAt()));
        }
        return recorded;
    }
}
