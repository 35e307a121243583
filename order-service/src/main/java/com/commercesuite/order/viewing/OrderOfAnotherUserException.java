package com.commercesuite.order.viewing;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Answered with 403: the caller asked for an order that belongs to another user. An
 * {@link ErrorResponseException} because the shared refusals have no 403; the shared problem
 * handling answers it with this body as it is.
 */
class OrderOfAnotherUserException extends ErrorResponseException {

    OrderOfAnotherUserException(long orderId, long callerId) {
        super(HttpStatus.FORBIDDEN, problem(orderId, callerId), null);
    }

    private static ProblemDetail problem(long orderId, long callerId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Order " + orderId + " belongs to another user than user " + callerId);
        problem.setType(URI.create("urn:commerce-suite:problem:order-of-another-user"));
        return problem;
    }
}
