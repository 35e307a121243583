package com.commercesuite.order.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The order saga's settings, {@code commerce.order.saga.*}.
 *
 * @param timeout how long an order may stay PENDING: its deadline is its creation plus this
 * @param sweepInterval how often overdue orders are looked for
 * @param sweepBatchSize how many overdue orders one sweep transaction cancels at most
 */
@ConfigurationProperties("commerce.order.saga")
public record SagaProperties(
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("100") int sweepBatchSize) {
}
