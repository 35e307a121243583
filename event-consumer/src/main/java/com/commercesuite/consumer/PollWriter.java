package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch listener does with each record of a poll: how an envelope is read into what it
 * applies, and how that is applied (inbox row included) inside the transaction {@link PollApplier}
 * holds.
 *
 * @param <T> what is read from an envelope
 */
public interface PollWriter<T> {

    /** Reads the envelope, throwing {@link NonRetryableEventException} for what no retry could make readable. */
    T read(EventEnvelope envelope);

    /** @return true when applied, false when the event had been processed before (or is not for this writer) */
    boolean write(EventEnvelope envelope, T value);

    /**
     * Writes a poll's values, in order; a writer may do it in fewer statements than one
     * {@link #write} per value.
     *
     * @return per value, as {@link #write} answers
     */
    default List<Boolean> writeAll(List<EventEnvelope> envelopes, List<T> values) {
        List<Boolean> applied = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            applied.add(write(envelopes.get(i), values.get(i)));
        }
        return applied;
    }
}
