package com.commercesuite.order.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The order saga's settings, {@code commerce.order.saga.*}.
 *
 * @param timeout how long a step waits for its participant's reply, counted from when its command
 *     reached Kafka: an outage of the broker (or of the relay) does not use it up
 * @param hardDeadline how long after its placement an order still pending is cancelled whatever
 *     held it up, delivered or not
 * @param sweepInterval how often overdue orders, and commands newly delivered, are looked for
 * @param sweepBatchSize how many orders one sweep statement handles at most
 * @param deliveryStall how long the oldest event of the service's own outbox may wait for Kafka
 *     before the saga takes it that nothing reaches Kafka and holds every step's clock
 */
@ConfigurationProperties("commerce.order.saga")
public record SagaProperties(
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("10m") Duration hardDeadline,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("100") int sweepBatchSize,
        @DefaultValue("5s") Duration deliveryStall) {
}
