package com.commercesuite.web.problems;

/** Answered with 404: an id the service does not know. Extend it with a named refusal of the service. */
public class NotFoundException extends RefusalException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
