package com.commercesuite.order.domain;

import com.commercesuite.events.UserEvent;
import java.time.Instant;
import java.util.List;

/** The user placed an order; on user-activity, keyed {@code user:{userId}}. */
public record OrderPlaced(long userId, long orderId, List<Item> items, Long couponId, Instant placedAt) implements UserEvent {

    public record Item(long productId, int quantity) {
    }
}
