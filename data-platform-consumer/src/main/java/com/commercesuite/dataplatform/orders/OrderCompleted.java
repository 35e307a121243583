package com.commercesuite.dataplatform.orders;

import com.commercesuite.dataplatform.consumption.UnprocessableEventException;
import com.commercesuite.events.EventEnvelope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The data platform's own view of an ORDER_COMPLETED payload (schema version 1): only what it
 * keeps. Unknown fields are ignored, so order-service may add fields without breaking it.
 */
record OrderCompleted(
        Long orderId,
        Long userId,
        List<Item> items,
        BigDecimal discount,
        BigDecimal finalAmount,
        Instant completedAt) {

    static final String EVENT_TYPE = "ORDER_COMPLETED";
    static final int SCHEMA_VERSION = 1;

    record Item(Long productId, Integer quantity, BigDecimal unitPrice) {
    }

    /** Reads the envelope's payload, refusing what no retry could make readable. */
    static OrderCompleted from(EventEnvelope envelope) {
        if (!EVENT_TYPE.equals(envelope.eventType())) {
            throw new UnprocessableEventException("unknown eventType " + envelope.eventType() + " on order-completed");
        }
        if (envelope.schemaVersion() < 1 || envelope.schemaVersion() > SCHEMA_VERSION) {
            throw new UnprocessableEventException("unsupported schemaVersion " + envelope.schemaVersion()
                    + " of " + EVENT_TYPE + " (this consumer reads up to " + SCHEMA_VERSION + ")");
        }
        return envelope.payloadAs(OrderCompleted.class).validated();
    }

    OrderCompleted validated() {
        require(orderId != null, "orderId");
        require(userId != null, "userId");
        require(finalAmount != null, "finalAmount");
        require(completedAt != null, "completedAt");
        require(items != null, "items");
        for (Item item : items) {
            require(item != null && item.productId() != null && item.quantity() != null && item.unitPrice() != null,
                    "items[].productId/quantity/unitPrice");
        }
        return this;
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new UnprocessableEventException(EVENT_TYPE + " payload lacks " + field);
        }
    }
}
