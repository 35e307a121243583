package com.commercesuite.order.placing;

import com.commercesuite.web.problems.ConflictException;

/** The key already placed an order with another body: a client bug, never a new order. */
class IdempotencyKeyReusedException extends ConflictException {

    IdempotencyKeyReusedException(long userId, long orderId) {
        super("Idempotency-Key was already used by user " + userId + " for order " + orderId + " with a different body");
    }
}
