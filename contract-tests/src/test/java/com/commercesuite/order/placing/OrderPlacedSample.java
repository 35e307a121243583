package com.commercesuite.order.placing;

import com.commercesuite.events.DomainEvent;
import java.time.Instant;
import java.util.List;

/** order-service's user action for the contract tests, made here because its record is package-private. */
public final class OrderPlacedSample {

    private OrderPlacedSample() {
    }

    /** An order of the user whose own ids differ from the user's, so that a mix-up shows. */
    public static DomainEvent byUser(long userId) {
        return new OrderPlaced(userId, 7001L, List.of(new OrderPlaced.Item(11L, 2)), 5L,
                Instant.parse("2026-03-01T10:15:30Z"));
    }
}
