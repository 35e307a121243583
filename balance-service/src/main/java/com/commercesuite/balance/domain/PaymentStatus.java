package com.commercesuite.balance.domain;

/** Where an order stands with this service. Every status is final except PAID, which a refund turns into REFUNDED. */
public enum PaymentStatus {
    /** The amount was taken. */
    PAID,
    /** PayOrder was refused; nothing was taken. */
    REJECTED,
    /** Paid, then given back. */
    REFUNDED,
    /** RefundOrder came before any payment: the tombstone that makes a late PayOrder fail. */
    CANCELLED
}
