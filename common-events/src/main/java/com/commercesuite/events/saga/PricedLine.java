package com.commercesuite.events.saga;

import java.math.BigDecimal;

/** An order line with the product's price at the moment its stock was reserved. */
public record PricedLine(long productId, int quantity, BigDecimal unitPrice) {
}
