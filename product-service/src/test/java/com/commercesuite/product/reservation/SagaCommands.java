package com.commercesuite.product.reservation;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ProductCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes saga commands to product-commands as order-service's outbox relay does: keyed by order, with the standard headers. */
final class SagaCommands implements AutoCloseable {

    /** Order ids no other run uses: a random base far above anything order-service generates. */
    private static final AtomicLong ORDER_IDS = new AtomicLong(
            2_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    private final KafkaProducer<String, byte[]> producer;

    SagaCommands(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    static long newOrderId() {
        return ORDER_IDS.incrementAndGet();
    }

    static EventEnvelope envelopeOf(ProductCommand command) {
        return EventEnvelope.of(command, 1, Instant.now());
    }

    EventEnvelope send(ProductCommand command) {
        EventEnvelope envelope = envelopeOf(command);
        send(envelope);
        return envelope;
    }

    /** Sends without waiting; {@link #flush()} waits for every send so far. */
    void send(EventEnvelope envelope) {
        var record = new ProducerRecord<String, byte[]>(Topic.PRODUCT_COMMANDS.topicName(), envelope.aggregateId(),
                EventJson.write(envelope));
        EventHeaders.standard(envelope).forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
