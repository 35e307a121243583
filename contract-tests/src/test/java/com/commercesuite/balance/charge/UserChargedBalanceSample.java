package com.commercesuite.balance.charge;

import com.commercesuite.events.DomainEvent;
import java.math.BigDecimal;

/** balance-service's user action for the contract tests, made here because its record is package-private. */
public final class UserChargedBalanceSample {

    private UserChargedBalanceSample() {
    }

    public static DomainEvent byUser(long userId) {
        return new UserChargedBalance(userId, new BigDecimal("25.00"), new BigDecimal("125.00"));
    }
}
