package com.commercesuite.dataplatform.consumption;

import com.commercesuite.events.EventEnvelope;

/**
 * One kind of fact the data platform keeps: how an envelope is read into it, and how it is written
 * (inbox row included) inside the transaction the caller holds.
 *
 * @param <T> the fact read from an envelope
 */
public interface FactWriter<T> {

    /** Reads the fact, throwing {@link UnprocessableEventException} for what no retry could make readable. */
    T read(EventEnvelope envelope);

    /** @return true when applied, false when the event had been processed before */
    boolean write(EventEnvelope envelope, T fact);
}
