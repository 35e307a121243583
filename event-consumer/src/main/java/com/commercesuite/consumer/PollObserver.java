package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Told what {@link PollApplier} did with each record, with its share of the poll's time: for a service's metrics. */
public interface PollObserver {

    PollObserver NONE = new PollObserver() {
    };

    default void applied(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, Duration share) {
    }

    default void duplicate(ConsumerRecord<String, byte[]> record, Duration share) {
    }
}
