package com.commercesuite.notification.testevents;

import com.commercesuite.events.UserEvent;
import java.time.Instant;

/** A user-activity event the notifications have nothing to say about. */
public record OrderPlaced(long userId, long orderId, Instant placedAt) implements UserEvent {
}
