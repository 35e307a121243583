package com.commercesuite.product.domain;

import java.math.BigDecimal;

/**
 * A product and its stock as stored. {@code stock} is on hand, {@code reserved} the part of it held for
 * orders not yet completed; {@code received} and {@code shipped} are the running totals that balance it:
 * {@code stock + shipped == received}.
 */
public record Product(long id, String name, BigDecimal price, int stock, int reserved, int received, int shipped) {

    /** What can still be promised to a new order. */
    public int available() {
        return stock - reserved;
    }
}
