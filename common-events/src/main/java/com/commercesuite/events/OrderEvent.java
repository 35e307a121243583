package com.commercesuite.events;

/** An event of one order (aggregate {@code order}, id the order id): the saga's messages and the order's own facts. */
public interface OrderEvent extends AggregateEvent {

    long orderId();

    @Override
    default Ref aggregate() {
        return new Ref("order", orderId());
    }
}
