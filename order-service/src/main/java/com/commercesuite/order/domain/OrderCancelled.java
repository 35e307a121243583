package com.commercesuite.order.domain;

import com.commercesuite.events.UserEvent;
import java.time.Instant;

/**
 * The order was cancelled (a participant refused, or the saga ran out of time); on user-activity,
 * keyed {@code user:{userId}}, so the customer can be told (notification-consumer).
 */
public record OrderCancelled(long userId, long orderId, String reason, Instant cancelledAt) implements UserEvent {
}
