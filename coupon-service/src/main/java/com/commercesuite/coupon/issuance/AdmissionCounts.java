package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.catalog.Admissions;
import com.commercesuite.coupon.domain.Coupon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The catalog's view of admissions: opened in Redis on creation, counted from Redis (PostgreSQL if Redis lost it). */
@Component
class AdmissionCounts implements Admissions {

    private static final Logger log = LoggerFactory.getLogger(AdmissionCounts.class);

    private final CouponAdmission admission;
    private final Issuances issuances;

    AdmissionCounts(CouponAdmission admission, Issuances issuances) {
        this.admission = admission;
        this.issuances = issuances;
    }

    @Override
    public void open(Coupon coupon) {
        try {
            admission.openUpTo(coupon);
            log.info("Coupon {} open for admission in Redis: quantity {}", coupon.id(), coupon.quantity());
        } catch (RuntimeException e) {
            // The coupon is committed; the first issue request finds no quantity and seeds it then.
            log.warn("Coupon {} not opened in Redis now ({}); it is seeded on first use", coupon.id(), e.toString());
        }
    }

    @Override
    public long admittedCount(Coupon coupon) {
        return admission.holderCount(coupon.id()).orElseGet(() -> issuances.count(coupon.id()));
    }
}
