package com.commercesuite.order.placing;

import com.commercesuite.events.UserEvent;
import java.time.Instant;
import java.util.List;

/** The user placed an order; on user-activity, keyed {@code user:{userId}}. */
record OrderPlaced(long userId, long orderId, List<Item> items, Long couponId, Instant placedAt) implements UserEvent {

    record Item(long productId, int quantity) {
    }
}
