package com.commercesuite.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event-consumer library, {@code commerce.consumer.*}.
 *
 * @param retry how often and how long a failing record is retried before it is dead-lettered
 * @param inboxRetention how long processed event ids are kept; longer than any topic's retention,
 *     since a redelivery can only come from the log
 */
@ConfigurationProperties("commerce.consumer")
record ConsumerProperties(@DefaultValue Retry retry, @DefaultValue("8d") Duration inboxRetention) {

    record Retry(@DefaultValue("3") int maxRetries, @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("1s") Duration maxInterval) {
    }
}
