package com.commercesuite.events.saga;

/** Compensation: give back what {@link PayOrder} took for this order; nothing if it took nothing. */
public record RefundOrder(long orderId, long userId) implements BalanceCommand {
}
