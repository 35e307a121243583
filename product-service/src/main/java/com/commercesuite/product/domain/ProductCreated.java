package com.commercesuite.product.domain;

import com.commercesuite.events.ProductEvent;
import java.math.BigDecimal;

/** A product entered the catalogue, on product-activity keyed by product id. */
public record ProductCreated(long productId, String name, BigDecimal price, int stock) implements ProductEvent {
}
