package com.commercesuite.balance.ledger;

import com.commercesuite.web.problems.InvalidInputException;

/** 400: the page size asked for is out of range. */
class InvalidLimitException extends InvalidInputException {

    InvalidLimitException(String detail) {
        super("limit", detail);
    }
}
