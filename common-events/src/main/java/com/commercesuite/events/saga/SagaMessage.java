package com.commercesuite.events.saga;

import com.commercesuite.events.OrderEvent;

/** A message of the order saga; it belongs to the order it is about. */
public sealed interface SagaMessage extends OrderEvent permits ProductCommand, CouponCommand, BalanceCommand, SagaReply {
}
