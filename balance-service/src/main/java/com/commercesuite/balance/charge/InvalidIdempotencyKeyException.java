package com.commercesuite.balance.charge;

import com.commercesuite.web.problems.InvalidInputException;

/** 400: the Idempotency-Key header is blank or too long. */
class InvalidIdempotencyKeyException extends InvalidInputException {

    InvalidIdempotencyKeyException(String detail) {
        super(ChargeController.IDEMPOTENCY_KEY, detail);
    }
}
