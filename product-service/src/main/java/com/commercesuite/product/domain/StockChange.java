package com.commercesuite.product.domain;

/** Why a product's stock or reservation moved; each kind moves {@code quantity} units one way. */
public enum StockChange {
    /** The initial stock of a new product came in: stock + quantity. */
    RECEIVED,
    /** More units came in: stock + quantity. */
    RESTOCKED,
    /** Held for an order: reserved + quantity. */
    RESERVED,
    /** An order was cancelled and gave its hold back: reserved - quantity. */
    RELEASED,
    /** An order completed and its units left: stock - quantity and reserved - quantity. */
    SHIPPED
}
