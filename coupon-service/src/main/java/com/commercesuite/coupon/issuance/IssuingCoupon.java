package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.catalog.CouponCatalog;
import com.commercesuite.coupon.domain.Admission;
import com.commercesuite.coupon.domain.AdmissionResult;
import com.commercesuite.coupon.domain.Coupon;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues a coupon to a user, first come first served: Redis decides in one atomic script, and only
 * the admitted (at most the quantity) go on to PostgreSQL, together: a group commit records every
 * admission that arrived while the previous one committed.
 */
@Service
class IssuingCoupon {

    private static final Logger log = LoggerFactory.getLogger(IssuingCoupon.class);
    private static final int ATTEMPTS = 3;

    private final CouponCatalog catalog;
    private final CouponAdmission admission;
    private final AdmissionSeeding seeding;
    private final IssuanceGroupCommit recording;
    private final Clock clock;
    private final Map<AdmissionResult, Counter> decisions = new EnumMap<>(AdmissionResult.class);

    IssuingCoupon(CouponCatalog catalog, CouponAdmission admission, AdmissionSeeding seeding, IssuanceGroupCommit recording,
            Clock clock, MeterRegistry registry) {
        this.catalog = catalog;
        this.admission = admission;
        this.seeding = seeding;
        this.recording = recording;
        this.clock = clock;
        for (AdmissionResult result : AdmissionResult.values()) {
            decisions.put(result, Counter.builder("coupon.admissions")
                    .description("Redis admission decisions of issue requests")
                    .tag("result", result.name().toLowerCase())
                    .register(registry));
        }
    }

    /**
     * @throws com.commercesuite.coupon.catalog.CouponNotFoundException unknown coupon
     * @throws CouponNotIssuableNowException outside the validity window
     * @throws CouponAlreadyHeldException the user has it already
     * @throws CouponSoldOutException all issued
     */
    void issue(long couponId, long userId) {
        Coupon coupon = catalog.get(couponId);
        // Millisecond precision: what Redis keeps, so the hash and coupon_issuances agree exactly.
        Instant now = Instant.ofEpochMilli(clock.millis());
        coupon.outsideValidity(now).ifPresent(reason -> {
            throw new CouponNotIssuableNowException(reason);
        });
        AdmissionResult result = admit(coupon, userId, now);
        decisions.get(result).increment();
        switch (result) {
            case DUPLICATE -> throw new CouponAlreadyHeldException(couponId, userId);
            case SOLD_OUT -> throw new CouponSoldOutException(couponId);
            case UNKNOWN -> throw new IllegalStateException("coupon " + couponId + " could not be seeded in Redis");
            case ADMITTED -> record(coupon, userId, now);
        }
    }

    private AdmissionResult admit(Coupon coupon, long userId, Instant now) {
        AdmissionResult result = admission.tryAdmit(coupon, userId, now);
        for (int attempt = 1; result == AdmissionResult.UNKNOWN && attempt < ATTEMPTS; attempt++) {
            log.info("Coupon {} has no admission state in Redis; seeding it from PostgreSQL", coupon.id());
            seeding.seed(coupon);
            result = admission.tryAdmit(coupon, userId, now);
        }
        return result;
    }

    private void record(Coupon coupon, long userId, Instant admittedAt) {
        try {
            recording.record(new Admission(coupon, userId, admittedAt));
        } catch (CouponOverIssuedException e) {
            admission.release(coupon.id(), userId);
            log.warn("Coupon {}, user {}: {}", coupon.id(), userId, e.getMessage());
            throw new CouponSoldOutException(coupon.id());
        }
    }
}
