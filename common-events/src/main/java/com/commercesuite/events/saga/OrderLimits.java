package com.commercesuite.events.saga;

import java.math.BigDecimal;

/**
 * The bounds that keep every order's total inside an amount (numeric(19,2), 17 integer digits)
 * whatever products it names: order-service refuses an order with more lines or units than these
 * (400 at placement), product-service a unit price with more integer digits. So the largest order
 * possible, {@link #MAX_LINES} lines of {@link #MAX_QUANTITY} units at the largest price, cannot
 * overflow when product-service prices it.
 */
public final class OrderLimits {

    public static final int MAX_LINES = 50;

    public static final int MAX_QUANTITY = 1_000;

    /** At most 999,999,999,999.99 a unit: 50 lines of 1,000 units stay under 10^17. */
    public static final int UNIT_PRICE_INTEGER_DIGITS = 12;

    /** The largest amount an order, a payment or a balance can hold. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999999.99");

    /** The largest total an order can have under these bounds. */
    public static final BigDecimal LARGEST_ORDER_TOTAL = BigDecimal.TEN.pow(UNIT_PRICE_INTEGER_DIGITS)
            .subtract(new BigDecimal("0.01"))
            .multiply(BigDecimal.valueOf((long) MAX_LINES * MAX_QUANTITY));

    private OrderLimits() {
    }
}
