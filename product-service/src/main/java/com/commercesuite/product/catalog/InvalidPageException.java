package com.commercesuite.product.catalog;

import com.commercesuite.web.problems.InvalidInputException;

/** A page number or page size outside what the listing serves. */
class InvalidPageException extends InvalidInputException {

    InvalidPageException(String parameter, String detail) {
        super(parameter, detail);
    }
}
