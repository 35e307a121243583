package com.commercesuite.order.viewing;

import com.commercesuite.web.problems.NotFoundException;

class OrderNotFoundException extends NotFoundException {

    OrderNotFoundException(long orderId) {
        super("Order " + orderId + " does not exist");
    }
}
