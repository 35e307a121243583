package com.commercesuite.balance.domain;

import com.commercesuite.events.BalanceEvent;
import java.math.BigDecimal;

/** On balance-activity: a cancelled order's payment went back onto the user's balance. */
public record OrderPaymentRefunded(long userId, long orderId, BigDecimal amount, BigDecimal balanceAfter, long entryId)
        implements BalanceEvent {
}
