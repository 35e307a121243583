package com.commercesuite.coupon.catalog;

import com.commercesuite.coupon.domain.Coupon;
import com.commercesuite.coupon.domain.CouponCreated;
import com.commercesuite.coupon.domain.DiscountType;
import com.commercesuite.events.Topic;
import com.commercesuite.outbox.Outbox;
import java.math.BigDecimal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a coupon campaign: the row and its CouponCreated event in one transaction. */
@Service
class CreatingCoupon {

    private static final Logger log = LoggerFactory.getLogger(CreatingCoupon.class);

    private final Coupons coupons;
    private final Outbox outbox;

    CreatingCoupon(Coupons coupons, Outbox outbox) {
        this.coupons = coupons;
        this.outbox = outbox;
    }

    @Transactional
    Coupon create(String name, int quantity, DiscountType type, BigDecimal value, Instant validFrom, Instant validUntil) {
        Coupon coupon = coupons.insert(name, quantity, type, value, validFrom, validUntil);
        outbox.append(Topic.COUPON_ISSUE, CouponCreated.of(coupon));
        log.info("Coupon {} created: quantity {}, {} {}", coupon.id(), quantity, type, value);
        return coupon;
    }
}
