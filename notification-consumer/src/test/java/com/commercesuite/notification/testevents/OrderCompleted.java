package com.commercesuite.notification.testevents;

import com.commercesuite.events.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** order-service's ORDER_COMPLETED, as much of it as the notifications read. */
public record OrderCompleted(long orderId, long userId, BigDecimal finalAmount, Instant completedAt) implements OrderEvent {
}
