package com.commercesuite.order.domain;

import java.math.BigDecimal;

/**
 * One line of an order.
 *
 * @param unitPrice the price the stock was reserved at; null until product-service reserved it
 */
public record OrderItem(long productId, int quantity, BigDecimal unitPrice) {

    public static OrderItem unpriced(long productId, int quantity) {
        return new OrderItem(productId, quantity, null);
    }

    OrderItem pricedAt(BigDecimal price) {
        return new OrderItem(productId, quantity, price);
    }

    BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
