package com.commercesuite.web.problems;

/** Answered with 409: the request contradicts the current state, for example an idempotency key reused with another body. Extend it with a named refusal of the service. */
public class ConflictException extends RefusalException {

    public ConflictException(String detail) {
        super(detail);
    }
}
