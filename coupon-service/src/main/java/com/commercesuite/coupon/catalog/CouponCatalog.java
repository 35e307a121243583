package com.commercesuite.coupon.catalog;

import com.commercesuite.coupon.domain.Coupon;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Coupons by id. A coupon never changes after it is created, so each instance keeps the ones it has
 * read: a rush of issue requests for one coupon reads PostgreSQL once, not once per request.
 */
@Component
public class CouponCatalog {

    private final Coupons coupons;
    private final Map<Long, Coupon> known = new ConcurrentHashMap<>();

    CouponCatalog(Coupons coupons) {
        this.coupons = coupons;
    }

    /** @throws CouponNotFoundException when no coupon has this id */
    public Coupon get(long couponId) {
        Coupon cached = known.get(couponId);
        if (cached != null) {
            return cached;
        }
        Coupon coupon = coupons.find(couponId).orElseThrow(() -> new CouponNotFoundException(couponId));
        known.putIfAbsent(couponId, coupon);
        return coupon;
    }
}
