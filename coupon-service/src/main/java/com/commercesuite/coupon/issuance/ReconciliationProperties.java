package com.commercesuite.coupon.issuance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.coupon.reconciliation.*}: how often Redis and PostgreSQL are compared, and how
 * old an admission must be before the reconciler records it (younger ones may still be committing
 * through their own request).
 */
@ConfigurationProperties("commerce.coupon.reconciliation")
record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("10s") Duration grace,
        @DefaultValue("500") int batchSize) {
}
