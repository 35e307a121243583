package com.commercesuite.web.problems;

/** 400 naming the header: the {@link IdempotencyKeys#HEADER} is blank or too long. */
public class InvalidIdempotencyKeyException extends InvalidInputException {

    InvalidIdempotencyKeyException(String detail) {
        super(IdempotencyKeys.HEADER, detail);
    }
}
