package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;

/** Reads a consumed record's value into its envelope; what cannot be read is not retried. */
public final class InboundEvents {

    private InboundEvents() {
    }

    public static EventEnvelope read(ConsumerRecord<?, byte[]> record) {
        if (record.value() == null) {
            throw new NonRetryableEventException("record without a value at " + position(record));
        }
        try {
            return EventJson.read(record.value());
        } catch (JacksonException e) {
            throw new NonRetryableEventException("unreadable event at " + position(record) + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
