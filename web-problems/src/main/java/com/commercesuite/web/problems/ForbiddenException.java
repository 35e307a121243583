package com.commercesuite.web.problems;

/** Answered with 403: the caller may not do this, for example read another user's order. Extend it with a named refusal of the service. */
public class ForbiddenException extends RefusalException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
