package com.commercesuite.contracts;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A producer's event as its consumers receive it: wrapped and serialised the way {@code Outbox}
 * stores it ({@link EventEnvelope#of}, occurredAt cut to microseconds, {@link EventJson#write} into
 * the payload column), then carried by the relay unchanged as the value of a record on the topic,
 * keyed by the topic's policy.
 *
 * @param envelope the envelope the producer's outbox made, for what the consumer must read back
 * @param record what the consumer's listener is handed
 */
public record OutboxRecord(EventEnvelope envelope, ConsumerRecord<String, byte[]> record) {

    public static OutboxRecord of(Topic topic, DomainEvent event) {
        EventEnvelope envelope = EventEnvelope.of(event, 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
        byte[] storedPayload = EventJson.write(envelope);
        return new OutboxRecord(envelope,
                new ConsumerRecord<>(topic.topicName(), 0, 0L, topic.keyFor(envelope), storedPayload));
    }
}
