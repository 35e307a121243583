package com.commercesuite.events.saga;

/** The participants' answers to forward commands, on {@code order-saga-replies}. */
public sealed interface SagaReply extends SagaMessage
        permits StockReserved, StockReservationRejected, CouponUsed, CouponUseRejected, OrderPaid, PaymentRejected {
}
