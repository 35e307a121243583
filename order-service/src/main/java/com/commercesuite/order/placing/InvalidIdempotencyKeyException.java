package com.commercesuite.order.placing;

import com.commercesuite.web.problems.InvalidInputException;

class InvalidIdempotencyKeyException extends InvalidInputException {

    InvalidIdempotencyKeyException(String detail) {
        super(OrdersController.IDEMPOTENCY_KEY, detail);
    }
}
