package com.commercesuite.web.problems;

/** Answered with 400, naming the offending field: input that is well-formed but not acceptable. */
public class InvalidInputException extends RefusalException {

    private final String field;

    public InvalidInputException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
