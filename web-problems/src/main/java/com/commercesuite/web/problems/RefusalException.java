package com.commercesuite.web.problems;

/**
 * A business refusal: the client's request is understood but cannot be granted. Services name their
 * refusals by extending one of the subclasses; the class name becomes the problem's type.
 */
public abstract class RefusalException extends RuntimeException {

    protected RefusalException(String detail) {
        super(detail);
    }
}
