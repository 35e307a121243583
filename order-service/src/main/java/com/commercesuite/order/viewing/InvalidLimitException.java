package com.commercesuite.order.viewing;

import com.commercesuite.web.problems.InvalidInputException;

class InvalidLimitException extends InvalidInputException {

    InvalidLimitException(int max) {
        super("limit", "limit must be between 1 and " + max);
    }
}
