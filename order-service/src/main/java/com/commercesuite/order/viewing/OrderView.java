package com.commercesuite.order.viewing;

import com.commercesuite.order.domain.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as its customer sees it: amounts are null until the saga has worked them out. */
record OrderView(
        long orderId,
        long userId,
        String status,
        String cancellationReason,
        List<Item> items,
        Long couponId,
        BigDecimal subtotal,
        BigDecimal discount,
        BigDecimal finalAmount,
        Instant createdAt,
        Instant completedAt) {

    record Item(long productId, int quantity, BigDecimal unitPrice) {
    }

    static OrderView of(Order order) {
        return new OrderView(order.id(), order.userId(), order.status().name(), order.cancellationReason(),
                order.items().stream().map(i -> new Item(i.productId(), i.quantity(), i.unitPrice())).toList(),
                order.couponId(), order.subtotal(), order.discount(), order.finalAmount(), order.createdAt(),
                order.completedAt());
    }
}
