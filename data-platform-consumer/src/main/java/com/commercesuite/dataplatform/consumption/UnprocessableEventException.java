package com.commercesuite.dataplatform.consumption;

import com.commercesuite.consumer.NonRetryableEventException;

/**
 * A record that no retry can fix: unknown event type, a schema version this consumer does not
 * know, or a payload missing what the effect needs. Not retried; it goes straight to the DLT.
 */
public class UnprocessableEventException extends NonRetryableEventException {

    public UnprocessableEventException(String message) {
        super(message);
    }
}
