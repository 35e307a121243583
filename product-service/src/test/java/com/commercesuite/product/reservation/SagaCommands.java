package com.commercesuite.product.reservation;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ProductCommand;
import com.commercesuite.testsupport.TopicWriter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes saga commands to product-commands as order-service's outbox relay does: keyed by order, with the standard headers. */
final class SagaCommands implements AutoCloseable {

    /** Order ids no other run uses: a random base far above anything order-service generates. */
    private static final AtomicLong ORDER_IDS = new AtomicLong(
            2_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    private final TopicWriter writer;

    SagaCommands(String bootstrapServers) {
        writer = new TopicWriter(bootstrapServers);
    }

    static long newOrderId() {
        return ORDER_IDS.incrementAndGet();
    }

    static EventEnvelope envelopeOf(ProductCommand command) {
        return TopicWriter.envelopeOf(command);
    }

    EventEnvelope send(ProductCommand command) {
        EventEnvelope envelope = envelopeOf(command);
        send(envelope);
        return envelope;
    }

    /** Sends without waiting; {@link #flush()} waits for every send so far. */
    void send(EventEnvelope envelope) {
        writer.send(Topic.PRODUCT_COMMANDS, envelope);
    }

    void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
