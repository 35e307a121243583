package com.commercesuite.balance.ledger;

import com.commercesuite.web.problems.InvalidInputException;

/** 400: the user id in the path is not a positive number. */
public class InvalidUserIdException extends InvalidInputException {

    InvalidUserIdException(String detail) {
        super("userId", detail);
    }
}
