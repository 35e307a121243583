package com.commercesuite.events.saga;

import com.commercesuite.events.DomainEvent;

/** A message of the order saga; it belongs to the order it is about. */
public sealed interface SagaMessage extends DomainEvent permits ProductCommand, CouponCommand, BalanceCommand, SagaReply {

    String AGGREGATE_TYPE = "order";

    long orderId();

    @Override
    default String aggregateType() {
        return AGGREGATE_TYPE;
    }

    @Override
    default String aggregateId() {
        return Long.toString(orderId());
    }
}
