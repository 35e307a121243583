package com.commercesuite.dataplatform.consumption;

import com.commercesuite.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Writes a poll's facts, in order; a writer may do it in fewer statements than one
     * {@link #write} per fact.
     *
     * @return per fact, as {@link #write} answers
     */
    default List<Boolean> writeAll(List<EventEnvelope> envelopes, List<T> facts) {
        List<Boolean> applied = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            applied.add(write(envelopes.get(i), facts.get(i)));
        }
        return applied;
    }
}
