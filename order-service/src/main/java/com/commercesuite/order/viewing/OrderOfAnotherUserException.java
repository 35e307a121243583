package com.commercesuite.order.viewing;

import com.commercesuite.web.problems.ForbiddenException;

/** Answered with 403: the caller asked for an order that belongs to another user. */
class OrderOfAnotherUserException extends ForbiddenException {

    OrderOfAnotherUserException(long orderId, long callerId) {
        super("Order " + orderId + " belongs to another user than user " + callerId);
    }
}
