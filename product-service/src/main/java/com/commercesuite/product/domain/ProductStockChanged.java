package com.commercesuite.product.domain;

import com.commercesuite.events.ProductEvent;

/**
 * A product's stock or reservation moved, on product-activity keyed by product id.
 *
 * @param quantity units moved, always positive; {@code change} says which way
 * @param stock on hand after the change
 * @param reserved held after the change
 * @param orderId the order that caused it, or null for receipts and restocks
 */
public record ProductStockChanged(long productId, StockChange change, int quantity, int stock, int reserved, Long orderId)
        implements ProductEvent {
}
