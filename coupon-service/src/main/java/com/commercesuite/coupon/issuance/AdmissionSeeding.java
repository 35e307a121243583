package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.domain.Coupon;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a coupon's admission state (back) into Redis from PostgreSQL: first every recorded holder,
 * then the quantity. In that order, because the quantity is what lets the script admit: were it set
 * first, the script would admit against a hash that still misses recorded holders.
 */
@Component
class AdmissionSeeding {

    private static final Logger log = LoggerFactory.getLogger(AdmissionSeeding.class);
    private static final int PAGE = 1_000;

    private final CouponAdmission admission;
    private final Issuances issuances;
    /** After a Redis flush, a rush of requests finds the coupon unknown at once: one of them seeds it per instance. */
    private final Map<Long, ReentrantLock> seedingLocks = new ConcurrentHashMap<>();

    AdmissionSeeding(CouponAdmission admission, Issuances issuances) {
        this.admission = admission;
        this.issuances = issuances;
    }

    /** Seeds the holders and then the quantity; safe to run concurrently and repeatedly. */
    void seed(Coupon coupon) {
        ReentrantLock lock = seedingLocks.computeIfAbsent(coupon.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            if (admission.isOpen(coupon.id())) {
                return;
            }
            long restored = restoreRecordedHolders(coupon);
            admission.openUpTo(coupon);
            log.info("Coupon {} admission state seeded in Redis: quantity {}, {} recorded holders restored",
                    coupon.id(), coupon.quantity(), restored);
        } finally {
            lock.unlock();
        }
    }

    /** HSETNX every issuance PostgreSQL recorded; returns how many Redis had lost. */
    long restoreRecordedHolders(Coupon coupon) {
        long restored = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            Map<Long, Instant> page = issuances.page(coupon.id(), after, PAGE);
            if (page.isEmpty()) {
                return restored;
            }
            restored += admission.restoreHolders(coupon, page);
            after = page.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        }
    }
}
