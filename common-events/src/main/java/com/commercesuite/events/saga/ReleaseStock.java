package com.commercesuite.events.saga;

/** Compensation: give back what {@link ReserveStock} held for the order; nothing if it held nothing. */
public record ReleaseStock(long orderId) implements ProductCommand {
}
