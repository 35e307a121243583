package com.commercesuite.dataplatform.testevents;

import com.commercesuite.events.UserEvent;
import java.math.BigDecimal;

/** As balance-service publishes it on user-activity: event type USER_CHARGED_BALANCE, keyed by user. */
public record UserChargedBalance(long userId, BigDecimal amount, BigDecimal balanceAfter) implements UserEvent {
}
