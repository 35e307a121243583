package com.commercesuite.events.saga;

import java.math.BigDecimal;

/** Take the order's final amount from the user's balance. Answered by {@link OrderPaid} or {@link PaymentRejected}. */
public record PayOrder(long orderId, long userId, BigDecimal amount) implements BalanceCommand {
}
