package com.commercesuite.balance.charge;

import com.commercesuite.web.problems.ConflictException;

/** 409: the idempotency key already names a charge of another amount. */
class IdempotencyKeyReusedException extends ConflictException {

    IdempotencyKeyReusedException(String detail) {
        super(detail);
    }
}
