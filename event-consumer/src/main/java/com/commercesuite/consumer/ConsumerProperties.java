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
 * @param assignmentWatch when a listener without partitions counts as stuck (see ConsumerAssignmentWatch)
 */
@ConfigurationProperties("commerce.consumer")
record ConsumerProperties(@DefaultValue Retry retry, @DefaultValue("8d") Duration inboxRetention,
        @DefaultValue AssignmentWatch assignmentWatch) {

    /**
     * @param checkInterval how often every listener's assignment is looked at
     * @param stuckAfter how long a listener may hold no partition, while its group has partitions
     *     without an owner, before it is stuck: longer than a join after a start or a rebalance
     */
    record AssignmentWatch(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration checkInterval,
            @DefaultValue("30s") Duration stuckAfter) {
    }

    /**
     * @param maxRetries how often a record whose failure is not transient is retried before it is
     *     dead-lettered
     * @param transientMaxInterval the longest pause between the endless retries of a transient
     *     failure (the database or Redis unreachable): short enough to go on soon after it is back
     */
    record Retry(@DefaultValue("3") int maxRetries, @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("1s") Duration maxInterval, @DefaultValue("10s") Duration transientMaxInterval) {
    }
}
