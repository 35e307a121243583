package com.commercesuite.outbox;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.tracing.TraceContextHolder;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records domain events in the caller's database transaction. The event commits or rolls back with
 * the business change; the relay publishes it to Kafka afterwards.
 */
public class Outbox {

    private final OutboxStore store;
    private final Clock clock;
    private final TransactionSynchronization wakeRelayAfterCommit;

    Outbox(OutboxStore store, Clock clock, RelaySignal relaySignal) {
        this.store = store;
        this.clock = clock;
        this.wakeRelayAfterCommit = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relaySignal.wakeUp();
            }
        };
    }

    /** Appends the event to the outbox of the current transaction; see {@link #append(Topic, DomainEvent, Map)}. */
    public EventEnvelope append(Topic topic, DomainEvent event) {
        return append(topic, event, Map.of());
    }

    /**
     * Appends the event, numbered in its aggregate's sequence, with extra Kafka headers. The trace
     * context bound on this thread (the HTTP request or consumed record being handled), if any,
     * goes with it as the {@code traceparent} and {@code requestId} headers.
     *
     * @throws IllegalTransactionStateException outside a transaction: an event written on its own
     *     could commit without the change it describes
     */
    public EventEnvelope append(Topic topic, DomainEvent event, Map<String, String> extraHeaders) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox.append needs the business transaction: call it inside a @Transactional method");
        }
        // Microseconds: what PostgreSQL keeps, so the row, the header and the payload agree.
        long sequence = store.nextSequence(event.aggregateType(), event.aggregateId());
        var envelope = EventEnvelope.of(event, sequence, clock.instant().truncatedTo(ChronoUnit.MICROS));
        store.insert(topic, envelope, extraHeaders, TraceContextHolder.current());
        if (!TransactionSynchronizationManager.getSynchronizations().contains(wakeRelayAfterCommit)) {
            TransactionSynchronizationManager.registerSynchronization(wakeRelayAfterCommit);
        }
        return envelope;
    }
}
