package com.commercesuite.testsupport;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the suite's topics as another service's outbox relay would: the envelope as
 * JSON, keyed by the topic's key policy, with the standard headers. For tests that play a producer
 * the service under test consumes from.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The envelope a producer would write for this event: a fresh id, sequence 1, now. */
    public static EventEnvelope envelopeOf(DomainEvent event) {
        return EventEnvelope.of(event, 1, Instant.now());
    }

    /** Wraps the event and sends it, waiting for the broker's acknowledgement. */
    public EventEnvelope send(Topic topic, DomainEvent event) {
        EventEnvelope envelope = envelopeOf(event);
        send(topic, envelope);
        flush();
        return envelope;
    }

    /** Sends without waiting; {@link #flush()} waits for every send so far. A resend of one envelope is a redelivery. */
    public void send(Topic topic, EventEnvelope envelope) {
        send(topic, topic.keyFor(envelope), envelope);
    }

    /** Sends under a key of the caller's choosing, for example to put a record on another's partition. */
    public void send(Topic topic, String key, EventEnvelope envelope) {
        var record = new ProducerRecord<String, byte[]>(topic.topicName(), key, EventJson.write(envelope));
        EventHeaders.standard(envelope).forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
