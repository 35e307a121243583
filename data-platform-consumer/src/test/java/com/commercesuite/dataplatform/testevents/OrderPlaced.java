package com.commercesuite.dataplatform.testevents;

import com.commercesuite.events.UserEvent;
import java.time.Instant;

/** As order-service publishes it on user-activity (its own fields trimmed): event type ORDER_PLACED, keyed by user. */
public record OrderPlaced(long userId, long orderId, Instant placedAt) implements UserEvent {
}
