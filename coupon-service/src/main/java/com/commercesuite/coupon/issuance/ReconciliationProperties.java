package com.commercesuite.coupon.issuance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.coupon.reconciliation.*}: how often Redis and PostgreSQL are compared, how old an
 * admission must be before the reconciler records it (younger ones may still be committing through
 * their own request), and how often a pass walks the holders of coupons whose counts agree (the
 * first pass, and every {@code fullPassEvery}-th after it).
 */
@ConfigurationProperties("commerce.coupon.reconciliation")
record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("10s") Duration grace,
        @DefaultValue("500") int batchSize,
        @DefaultValue("10") int fullPassEvery) {
}
