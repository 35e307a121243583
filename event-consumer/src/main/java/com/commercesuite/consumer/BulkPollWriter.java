package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import java.util.List;

/**
 * A {@link PollWriter} that applies a whole poll in fewer statements than one {@link #write} per
 * value; {@link #write} stays for the one-record-at-a-time replay that pins a failure on its record.
 */
public interface BulkPollWriter<T> extends PollWriter<T> {

    /** Writes the poll's events delivered for the first time, in order. */
    void writeAll(List<EventEnvelope> envelopes, List<T> values);
}
