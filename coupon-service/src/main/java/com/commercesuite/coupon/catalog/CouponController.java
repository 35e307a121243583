package com.commercesuite.coupon.catalog;

import com.commercesuite.coupon.domain.Coupon;
import com.commercesuite.coupon.domain.DiscountType;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/coupons")
class CouponController {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final CreatingCoupon creating;
    private final CouponCatalog catalog;
    private final Admissions admissions;

    CouponController(CreatingCoupon creating, CouponCatalog catalog, Admissions admissions) {
        this.creating = creating;
        this.catalog = catalog;
        this.admissions = admissions;
    }

    @PostMapping
    ResponseEntity<CouponView> create(@Valid @RequestBody CreateCouponRequest request) {
        if (request.discountType() == DiscountType.PERCENTAGE
                && (request.discountValue().compareTo(BigDecimal.ONE) < 0 || request.discountValue().compareTo(HUNDRED) > 0)) {
            throw new InvalidCouponException("discountValue", "a PERCENTAGE discount is between 1 and 100");
        }
        if (!request.validUntil().isAfter(request.validFrom())) {
            throw new InvalidCouponException("validUntil", "validUntil must be after validFrom");
        }
        Coupon coupon = creating.create(request.name().strip(), request.quantity(), request.discountType(),
                request.discountValue(), request.validFrom(), request.validUntil());
        // After the commit: should Redis fail here, the first issue request re-seeds it from PostgreSQL.
        admissions.open(coupon);
        return ResponseEntity.created(URI.create("/api/coupons/" + coupon.id())).body(CouponView.of(coupon, 0));
    }

    @GetMapping("/{couponId}")
    CouponView get(@PathVariable long couponId) {
        Coupon coupon = catalog.get(couponId);
        return CouponView.of(coupon, admissions.admittedCount(coupon));
    }
}
