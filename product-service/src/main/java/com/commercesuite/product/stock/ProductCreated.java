package com.commercesuite.product.stock;

import com.commercesuite.events.DomainEvent;
import java.math.BigDecimal;

/** A product entered the catalogue, on product-activity keyed by product id. */
public record ProductCreated(long productId, String name, BigDecimal price, int stock) implements DomainEvent {

    static final String AGGREGATE_TYPE = "product";

    @Override
    public String aggregateType() {
        return AGGREGATE_TYPE;
    }

    @Override
    public String aggregateId() {
        return Long.toString(productId);
    }
}
