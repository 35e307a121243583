package com.commercesuite.events.saga;

import java.math.BigDecimal;

/** The amount has left the user's balance. */
public record OrderPaid(long orderId, BigDecimal amount) implements SagaReply {
}
