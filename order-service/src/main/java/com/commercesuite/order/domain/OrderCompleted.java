package com.commercesuite.order.domain;

import com.commercesuite.events.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The order is paid and its stock confirmed; published unkeyed on order-completed for the data
 * platform (whose reader needs orderId, userId, items, discount, finalAmount and completedAt).
 */
public record OrderCompleted(
        long orderId,
        long userId,
        List<Item> items,
        Long couponId,
        BigDecimal subtotal,
        BigDecimal discount,
        BigDecimal finalAmount,
        Instant completedAt) implements OrderEvent {

    public record Item(long productId, int quantity, BigDecimal unitPrice) {
    }
}
