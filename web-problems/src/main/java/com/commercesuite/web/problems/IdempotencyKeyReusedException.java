package com.commercesuite.web.problems;

/**
 * 409: the idempotency key already named a request with another body (a charge of another amount,
 * an order of other lines): a client bug, never a new request.
 */
public class IdempotencyKeyReusedException extends ConflictException {

    public IdempotencyKeyReusedException(String detail) {
        super(detail);
    }
}
