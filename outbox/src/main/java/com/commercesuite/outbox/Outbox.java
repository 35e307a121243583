package com.commercesuite.outbox;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.tracing.TraceContext;
import com.commercesuite.tracing.TraceContextHolder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
        return appendAll(List.of(new Entry(topic, event, extraHeaders))).getFirst();
    }

    /** One event to append, with where it goes. */
    public record Entry(Topic topic, DomainEvent event, Map<String, String> extraHeaders) {

        public Entry(Topic topic, DomainEvent event) {
            this(topic, event, Map.of());
        }
    }

    /**
     * Appends many events in two statements whatever their number: each aggregate's sequence row is
     * touched once (its numbers taken as a block, in the order of the entries) and the rows go in
     * one JDBC batch. What a group commit needs: many requests' events in one transaction.
     *
     * @return the envelopes, in the order of the entries
     * @throws IllegalTransactionStateException outside a transaction
     */
    public List<EventEnvelope> appendAll(List<Entry> entries) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox.append needs the business transaction: call it inside a @Transactional method");
        }
        Map<OutboxStore.Aggregate, Integer> counts = new LinkedHashMap<>();
        for (Entry entry : entries) {
            counts.merge(aggregateOf(entry.event()), 1, Integer::sum);
        }
        Map<OutboxStore.Aggregate, Long> next = new HashMap<>(store.reserveSequences(counts));
        // Microseconds: what PostgreSQL keeps, so the row, the header and the payload agree.
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TraceContext trace = TraceContextHolder.current();
        List<OutboxStore.Row> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            long sequence = next.merge(aggregateOf(entry.event()), 1L, Long::sum) - 1;
            rows.add(new OutboxStore.Row(entry.topic(), EventEnvelope.of(entry.event(), sequence, occurredAt),
                    entry.extraHeaders(), trace));
        }
        store.insert(rows);
        if (!TransactionSynchronizationManager.getSynchronizations().contains(wakeRelayAfterCommit)) {
            TransactionSynchronizationManager.registerSynchronization(wakeRelayAfterCommit);
        }
        return rows.stream().map(OutboxStore.Row::envelope).toList();
    }

    private static OutboxStore.Aggregate aggregateOf(DomainEvent event) {
        return new OutboxStore.Aggregate(event.aggregateType(), event.aggregateId());
    }
}
