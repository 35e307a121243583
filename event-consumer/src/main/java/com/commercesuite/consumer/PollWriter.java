package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import java.util.List;

/**
 * What a batch listener does with each record of a poll: how an envelope is read into what it
 * applies, and how that is applied (inbox row included) inside the transaction {@link PollApplier}
 * holds for the whole poll. The values are applied one by one, in the poll's order, each under its
 * record's trace context; a writer that can apply a poll in fewer statements is a {@link BulkPollWriter}.
 *
 * @param <T> what is read from an envelope
 */
public interface PollWriter<T> {

    /** Reads the envelope, throwing {@link NonRetryableEventException} for what no retry could make readable. */
    T read(EventEnvelope envelope);

    /** @return true when applied, false when the event had been processed before (or is not for this writer) */
    boolean write(EventEnvelope envelope, T value);

    /**
     * Takes, before the poll's first write, the shared row locks its writes will take, in one order
     * (by id). A poll holds its locks until it commits, so two polls applied at once on different
     * partitions that locked the same rows in the order of their records could wait for each other
     * in a cycle (a deadlock the database breaks by failing one of them).
     */
    default void lockAhead(List<T> values) {
    }
}
