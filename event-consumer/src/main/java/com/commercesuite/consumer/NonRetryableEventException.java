package com.commercesuite.consumer;

/**
 * A record that no retry can fix (unreadable, an unknown version, a business rule it breaks for
 * good): the error handler sends it to the dead-letter topic at once. Extend it for named refusals.
 * Payloads that do not fit and unknown saga messages need no wrapping in it: the error handler
 * treats their own exceptions the same way.
 */
public class NonRetryableEventException extends RuntimeException {

    public NonRetryableEventException(String message) {
        super(message);
    }

    public NonRetryableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
