package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.catalog.Coupons;
import com.commercesuite.coupon.domain.Coupon;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings Redis and PostgreSQL back into agreement for every coupon that has not expired (or did in
 * the last day, while its Redis keys are kept), at startup
 * and then every {@code interval}:
 * <ol>
 *   <li>a holder in Redis admitted more than {@code grace} ago with no coupon_issuances row (the
 *       request died between the admission and its commit) is recorded now, events included: the
 *       user was told nothing or 202, and either way keeps the coupon (roll forward);</li>
 *   <li>a coupon_issuances row missing from Redis (Redis lost data) is put back with HSETNX, and a
 *       coupon whose quantity key is gone is seeded again.</li>
 * </ol>
 * Every step is idempotent, so instances may run it at the same time as each other and as requests.
 *
 * <p>Walking every holder of every coupon costs as much as the coupons have holders, every pass. So
 * a scheduled pass walks only the coupons whose counts differ (Redis's holders against PostgreSQL's
 * {@code issued_quantity}): each of the repairs above shows there as a difference. Only a loss in
 * Redis and an unrecorded admission of the same coupon at once can cancel out; the first pass, and
 * every {@code full-pass-every}-th pass after it, walks every coupon to find those too.
 */
@Component
public class CouponReconciler {

    private static final Logger log = LoggerFactory.getLogger(CouponReconciler.class);

    private final Coupons coupons;
    private final CouponAdmission admission;
    private final AdmissionSeeding seeding;
    private final Issuances issuances;
    private final RecordingIssuance recording;
    private final ReconciliationProperties properties;
    private final Clock clock;
    private final Counter rolledForward;
    private final Counter takenBack;
    private final Counter restored;
    private long scheduledPasses;

    CouponReconciler(Coupons coupons, CouponAdmission admission, AdmissionSeeding seeding, Issuances issuances,
            RecordingIssuance recording, ReconciliationProperties properties, Clock clock, MeterRegistry registry) {
        this.coupons = coupons;
        this.admission = admission;
        this.seeding = seeding;
        this.issuances = issuances;
        this.recording = recording;
        this.properties = properties;
        this.clock = clock;
        this.rolledForward = repairs(registry, "rolled_forward");
        this.takenBack = repairs(registry, "taken_back");
        this.restored = repairs(registry, "restored_to_redis");
    }

    /** rolled_forward: admissions recorded by the reconciler; taken_back: admissions beyond the quantity
     *  removed from Redis; restored_to_redis: recorded holders put back into Redis. */
    private static Counter repairs(MeterRegistry registry, String kind) {
        return Counter.builder("coupon.reconciliation.repairs")
                .description("Differences between Redis and PostgreSQL repaired by the reconciler")
                .tag("kind", kind)
                .register(registry);
    }

    /** What one pass changed; {@code unchanged}: coupons not walked because their counts agree. */
    public record Outcome(int coupons, long rolledForward, long takenBack, long restoredToRedis, long failed, long unchanged) {
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${commerce.coupon.reconciliation.interval:30s}")
    void reconcileOnSchedule() {
        if (!properties.enabled()) {
            return;
        }
        try {
            boolean full = scheduledPasses++ % Math.max(1, properties.fullPassEvery()) == 0;
            if (full) {
                reconcile();
            } else {
                reconcileWhereCountsDiffer();
            }
        } catch (RuntimeException e) {
            // Redis or PostgreSQL away: the next pass tries again.
            log.warn("Coupon reconciliation failed, next pass in {}: {}", properties.interval(), e.toString());
        }
    }

    /** One pass over every coupon that has not expired, walking every holder. */
    public Outcome reconcile() {
        return reconcile(true);
    }

    /** One pass that walks only the coupons whose Redis holders and PostgreSQL count differ. */
    public Outcome reconcileWhereCountsDiffer() {
        return reconcile(false);
    }

    private Outcome reconcile(boolean full) {
        Instant now = clock.instant();
        var total = new Tally();
        // Also the recently expired (while Redis keeps their keys): a request that died just before
        // validUntil still had its admission.
        var work = coupons.notExpiredAt(now.minus(CouponAdmission.KEPT_AFTER_EXPIRY));
        for (Coupon coupon : work) {
            try {
                reconcile(coupon, now, total, full);
            } catch (RuntimeException e) {
                // One coupon's trouble (Redis away, a bad hash entry) does not stop the others.
                total.failed++;
                log.warn("Coupon {} not reconciled in this pass: {}", coupon.id(), e.toString());
            }
        }
        var outcome = new Outcome(work.size(), total.rolledForward, total.takenBack, total.restored, total.failed,
                total.unchanged);
        rolledForward.increment(outcome.rolledForward());
        takenBack.increment(outcome.takenBack());
        restored.increment(outcome.restoredToRedis());
        if (outcome.rolledForward() + outcome.takenBack() + outcome.restoredToRedis() + outcome.failed() > 0) {
            log.info("Coupon reconciliation: {}", outcome);
        }
        return outcome;
    }

    private void reconcile(Coupon coupon, Instant now, Tally total, boolean full) {
        OptionalLong inRedis = admission.holderCount(coupon.id());
        if (!full && inRedis.isPresent() && inRedis.getAsLong() == issuances.count(coupon.id())) {
            total.unchanged++;
            return;
        }
        if (inRedis.isEmpty()) {
            // Redis lost the coupon (or never had it): the seeding restores every recorded holder.
            total.restored += seeding.restoreRecordedHolders(coupon);
            admission.openUpTo(coupon);
            log.info("Coupon {} re-seeded in Redis by the reconciler", coupon.id());
            return;
        }
        Instant admittedBefore = now.minus(properties.grace());
        var tally = new Tally();
        admission.forEachHolderBatch(coupon.id(), properties.batchSize(), holders -> {
            Set<Long> recorded = issuances.recordedAmong(coupon.id(), holders.keySet());
            tally.inBoth += recorded.size();
            for (Map.Entry<Long, Instant> holder : holders.entrySet()) {
                if (!recorded.contains(holder.getKey()) && !holder.getValue().isAfter(admittedBefore)) {
                    rollForward(coupon, holder.getKey(), holder.getValue(), tally);
                }
            }
        });
        // Every recorded issuance should have been seen in the hash; if some were not, Redis lost them.
        if (issuances.count(coupon.id()) > tally.inBoth + tally.rolledForward) {
            tally.restored += seeding.restoreRecordedHolders(coupon);
            if (tally.restored > 0) {
                log.info("Coupon {}: {} recorded holders missing from Redis put back", coupon.id(), tally.restored);
            }
        }
        total.rolledForward += tally.rolledForward;
        total.takenBack += tally.takenBack;
        total.restored += tally.restored;
    }

    private void rollForward(Coupon coupon, long userId, Instant admittedAt, Tally tally) {
        try {
            if (recording.record(coupon, userId, admittedAt)) {
                tally.rolledForward++;
                log.info("Coupon {}: admission of user {} at {} had no record; recorded by the reconciler",
                        coupon.id(), userId, admittedAt);
            } else {
                // Its own request committed since the scan: it is in both now.
                tally.inBoth++;
            }
        } catch (CouponOverIssuedException e) {
            admission.release(coupon.id(), userId);
            tally.takenBack++;
            log.warn("Coupon {}, user {}: {}", coupon.id(), userId, e.getMessage());
        }
    }

    private static final class Tally {
        long inBoth;
        long rolledForward;
        long takenBack;
        long restored;
        long failed;
        long unchanged;
    }
}
