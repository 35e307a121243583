package com.commercesuite.order.domain;

/** The saga's forward steps, in the order they run; each is one command and its one reply. */
public enum SagaStep {
    RESERVE_STOCK("stock reservation"),
    USE_COUPON("coupon"),
    PAY_ORDER("payment");

    private final String description;

    SagaStep(String description) {
        this.description = description;
    }

    /** What a person would call it: "timed out waiting for payment". */
    public String description() {
        return description;
    }
}
