package com.commercesuite.outbox;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.tracing.TraceContextHolder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records domain events in the caller's database transaction. The event commits or rolls back with
 * the business change; the relay publishes it to Kafka afterwards.
 *
 * <p>The events of a transaction are written when it commits, all of them in two statements: a
 * transaction that applies a whole poll of saga records, each appending its events, pays the
 * outbox's statements once instead of once per event, and holds its aggregates' sequence rows only
 * from its last statement to its commit.
 */
public class Outbox {

    private final OutboxStore store;
    private final Clock clock;
    private final RelaySignal relaySignal;

    Outbox(OutboxStore store, Clock clock, RelaySignal relaySignal) {
        this.store = store;
        this.clock = clock;
        this.relaySignal = relaySignal;
    }

    /** Appends the event to the outbox of the current transaction; see {@link #append(Topic, DomainEvent, Map)}. */
    public UUID append(Topic topic, DomainEvent event) {
        return append(topic, event, Map.of());
    }

    /**
     * Appends the event, to be numbered in its aggregate's sequence and written when the transaction
     * commits, with extra Kafka headers. The trace context bound on this thread now (the HTTP request
     * or consumed record being handled), if any, goes with it as the {@code traceparent} and
     * {@code requestId} headers.
     *
     * @return the event's id, which its envelope carries
     * @throws IllegalTransactionStateException outside a transaction: an event written on its own
     *     could commit without the change it describes
     */
    public UUID append(Topic topic, DomainEvent event, Map<String, String> extraHeaders) {
        return appendAll(List.of(new Entry(topic, event, extraHeaders))).getFirst();
    }

    /** One event to append, with where it goes. */
    public record Entry(Topic topic, DomainEvent event, Map<String, String> extraHeaders) {

        public Entry(Topic topic, DomainEvent event) {
            this(topic, event, Map.of());
        }
    }

    /**
     * Appends many events; each aggregate's events are numbered in the order they were appended.
     *
     * @return the events' ids, in the order of the entries
     * @throws IllegalTransactionStateException outside a transaction
     */
    public List<UUID> appendAll(List<Entry> entries) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox.append needs the business transaction: call it inside a @Transactional method");
        }
        // Microseconds: what PostgreSQL keeps, so the row, the header and the payload agree.
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var trace = TraceContextHolder.current();
        TransactionEvents events = eventsOfThisTransaction();
        List<UUID> ids = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            // Numbered at the commit; the envelope (its id, type and payload) is made now, so that an
            // event that cannot be written as JSON fails where it is appended.
            EventEnvelope unnumbered = EventEnvelope.of(entry.event(), 0, occurredAt);
            events.rows.add(new OutboxStore.Row(entry.topic(), unnumbered, entry.extraHeaders(), trace));
            ids.add(unnumbered.eventId());
        }
        return ids;
    }

    private TransactionEvents eventsOfThisTransaction() {
        // The synchronizations are the current transaction's own: an inner REQUIRES_NEW transaction
        // has none of its outer one's, so it commits only the events it appended itself.
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof TransactionEvents events && events.outbox == this) {
                return events;
            }
        }
        var events = new TransactionEvents(this);
        TransactionSynchronizationManager.registerSynchronization(events);
        return events;
    }

    /** Numbers the rows in their aggregates' sequences and inserts them: two statements whatever their number. */
    private void write(List<OutboxStore.Row> appended) {
        Map<OutboxStore.Aggregate, Integer> counts = new LinkedHashMap<>();
        for (OutboxStore.Row row : appended) {
            counts.merge(aggregateOf(row.envelope()), 1, Integer::sum);
        }
        Map<OutboxStore.Aggregate, Long> next = new HashMap<>(store.reserveSequences(counts));
        List<OutboxStore.Row> rows = new ArrayList<>(appended.size());
        for (OutboxStore.Row row : appended) {
            long sequence = next.merge(aggregateOf(row.envelope()), 1L, Long::sum) - 1;
            rows.add(row.numbered(sequence));
        }
        store.insert(rows);
    }

    private static OutboxStore.Aggregate aggregateOf(EventEnvelope envelope) {
        return new OutboxStore.Aggregate(envelope.aggregateType(), envelope.aggregateId());
    }

    /**
     * The events one transaction appended: written just before it commits, the relay woken after. A
     * class, not a record: the transaction keeps its synchronizations in a hash set, and the rows
     * grow after it is registered.
     */
    private static final class TransactionEvents implements TransactionSynchronization {

        private final Outbox outbox;
        private final List<OutboxStore.Row> rows = new ArrayList<>();

        TransactionEvents(Outbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            // A failure here rolls the transaction back, and its caller gets the exception.
            if (!rows.isEmpty()) {
                outbox.write(rows);
            }
        }

        @Override
        public void afterCommit() {
            outbox.relaySignal.wakeUp();
        }
    }
}
