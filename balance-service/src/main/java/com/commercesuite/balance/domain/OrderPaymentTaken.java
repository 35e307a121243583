package com.commercesuite.balance.domain;

import com.commercesuite.events.BalanceEvent;
import java.math.BigDecimal;

/** On balance-activity: an order's amount was taken from the user's balance. */
public record OrderPaymentTaken(long userId, long orderId, BigDecimal amount, BigDecimal balanceAfter, long entryId)
        implements BalanceEvent {
}
