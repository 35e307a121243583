package com.commercesuite.balance.domain;

import com.commercesuite.events.UserEvent;
import java.math.BigDecimal;

/**
 * On user-activity: the user charged their balance. Its own record (aggregate {@code user}) so that
 * balance-activity keeps a gapless per-user sequence of its own.
 */
public record UserChargedBalance(long userId, BigDecimal amount, BigDecimal balanceAfter) implements UserEvent {
}
