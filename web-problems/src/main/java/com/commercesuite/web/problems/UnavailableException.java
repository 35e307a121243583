package com.commercesuite.web.problems;

import java.time.Duration;

/**
 * Answered with 503 and {@code Retry-After}: the request was understood and may well succeed when
 * asked again shortly, but a part the service needs did not answer in time. Extend it with a named
 * cause of the service.
 */
public class UnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public UnavailableException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
