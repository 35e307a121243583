package com.commercesuite.notification.testevents;

import com.commercesuite.events.UserEvent;
import java.time.Instant;

/** order-service's ORDER_CANCELLED on user-activity. */
public record OrderCancelled(long userId, long orderId, String reason, Instant cancelledAt) implements UserEvent {
}
