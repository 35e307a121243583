package com.commercesuite.product.stock;

import com.commercesuite.web.problems.ConflictException;

/** A restock so large that the product's running total of received units would overflow. */
public class StockLimitExceededException extends ConflictException {

    StockLimitExceededException(long productId, int quantity) {
        super("product " + productId + " cannot take " + quantity + " more units: its stock would exceed " + Integer.MAX_VALUE);
    }
}
