package com.commercesuite.events.saga;

/** A product and how many of it an order wants. */
public record OrderLine(long productId, int quantity) {
}
