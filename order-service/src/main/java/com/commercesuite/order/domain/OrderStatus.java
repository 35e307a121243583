package com.commercesuite.order.domain;

/** Where an order stands for its customer: the saga is running, or it finished one way or the other. */
public enum OrderStatus {
    PENDING,
    COMPLETED,
    CANCELLED
}
