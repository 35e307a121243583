package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import java.util.List;

/**
 * What a batch listener does with each record of a poll: how an envelope is read into what it
 * applies, and how that is applied inside the transaction {@link PollApplier} holds for the whole
 * poll. The applier records the poll's deliveries in the {@link Inbox} under {@link #consumer()},
 * all in one statement, and hands the writer only the events delivered for the first time. The
 * values are applied one by one, in the poll's order, each under its record's trace context; a
 * writer that can apply a poll in fewer statements is a {@link BulkPollWriter}.
 *
 * @param <T> what is read from an envelope
 */
public interface PollWriter<T> {

    /** The name this writer's deliveries are recorded under in the inbox: one per effect it applies. */
    String consumer();

    /**
     * Reads the envelope, throwing {@link NonRetryableEventException} for what no retry could make
     * readable.
     *
     * @return what to apply; null for an event this writer has nothing to do with, which is skipped
     *     and not recorded
     */
    T read(EventEnvelope envelope);

    /** Applies an event delivered for the first time; its inbox row is already written in the same transaction. */
    void write(EventEnvelope envelope, T value);

    /**
     * Takes, before the poll's first write, the shared row locks its writes will take, in one order
     * (by id). A poll holds its locks until it commits, so two polls applied at once on different
     * partitions that locked the same rows in the order of their records could wait for each other
     * in a cycle (a deadlock the database breaks by failing one of them).
     */
    default void lockAhead(List<T> values) {
    }
}
