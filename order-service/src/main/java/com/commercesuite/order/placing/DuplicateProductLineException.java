package com.commercesuite.order.placing;

import com.commercesuite.web.problems.InvalidInputException;

/** The same product on two lines: the client must send one line with the total quantity. */
class DuplicateProductLineException extends InvalidInputException {

    DuplicateProductLineException(long productId) {
        super("items", "product " + productId + " appears on more than one line");
    }
}
