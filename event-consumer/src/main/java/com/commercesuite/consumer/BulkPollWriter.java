package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import java.util.List;

/**
 * A {@link PollWriter} that applies a whole poll in fewer statements than one {@link #write} per
 * value; {@link #write} stays for the one-record-at-a-time replay that pins a failure on its record.
 */
public interface BulkPollWriter<T> extends PollWriter<T> {

    /**
     * Writes a poll's values, in order.
     *
     * @return per value, as {@link #write} answers
     */
    List<Boolean> writeAll(List<EventEnvelope> envelopes, List<T> values);
}
