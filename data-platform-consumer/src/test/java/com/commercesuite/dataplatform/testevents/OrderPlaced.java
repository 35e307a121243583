package com.commercesuite.dataplatform.testevents;

import com.commercesuite.events.DomainEvent;
import java.time.Instant;

/** As order-service publishes it on user-activity (its own fields trimmed): event type ORDER_PLACED, keyed by user. */
public record OrderPlaced(long userId, long orderId, Instant placedAt) implements DomainEvent {

    @Override
    public String aggregateType() {
        return "user";
    }

    @Override
    public String aggregateId() {
        return Long.toString(userId);
    }
}
