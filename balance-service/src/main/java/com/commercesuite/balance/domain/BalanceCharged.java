package com.commercesuite.balance.domain;

import com.commercesuite.events.BalanceEvent;
import java.math.BigDecimal;

/** On balance-activity: money was charged onto the user's balance. */
public record BalanceCharged(long userId, BigDecimal amount, BigDecimal balanceAfter, String idempotencyKey, long entryId)
        implements BalanceEvent {
}
