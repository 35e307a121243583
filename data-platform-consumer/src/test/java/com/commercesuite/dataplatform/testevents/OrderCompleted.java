package com.commercesuite.dataplatform.testevents;

import com.commercesuite.events.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What order-service publishes, as the tests and the scaling check produce it; its simple name gives
 * the event type ORDER_COMPLETED. Deliberately separate from the consumer's own view
 * ({@code orders.OrderCompleted}), so the two are checked against each other.
 */
public record OrderCompleted(long orderId, long userId, List<Item> items, BigDecimal discount,
                             BigDecimal finalAmount, Instant completedAt) implements OrderEvent {

    public record Item(long productId, int quantity, BigDecimal unitPrice) {
    }
}
