package com.commercesuite.web.problems;

/** Answered with 410: what was asked for existed but is used up, for example a sold-out coupon. Extend it with a named refusal of the service. */
public class GoneException extends RefusalException {

    public GoneException(String detail) {
        super(detail);
    }
}
