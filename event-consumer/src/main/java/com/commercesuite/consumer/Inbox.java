package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The consumer side of effectively-once: an event's id is recorded in the same transaction as its
 * effect, so a redelivery (after a crash, a rebalance, a producer retry) finds it and is skipped.
 * Two deliveries racing on two consumers serialise on the primary key: the second waits for the
 * first to commit and then sees the id.
 */
public class Inbox {

    private final JdbcTemplate jdbc;

    Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumer} processes this event now.
     *
     * @return true the first time; false when the event was processed before, and the caller must
     *     skip its effect
     * @throws IllegalTransactionStateException outside a transaction: the id must commit or roll
     *     back with the effect
     */
    public boolean firstDelivery(String consumer, EventEnvelope envelope) {
        requireTransaction("Inbox.firstDelivery");
        return jdbc.update("""
                insert into inbox.processed_event (consumer, event_id) values (?, ?)
                on conflict do nothing""", consumer, envelope.eventId()) == 1;
    }

    /**
     * {@link #firstDelivery} for many events in one statement, for a consumer that applies a whole
     * poll in one transaction.
     *
     * @return the ids delivered for the first time (an id twice in {@code envelopes} is in it once:
     *     the caller applies it once)
     */
    public Set<UUID> firstDeliveries(String consumer, Collection<EventEnvelope> envelopes) {
        requireTransaction("Inbox.firstDeliveries");
        // Sorted, so that two transactions inserting overlapping ids take their locks in one order.
        UUID[] ids = envelopes.stream().map(EventEnvelope::eventId).sorted().toArray(UUID[]::new);
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    insert into inbox.processed_event (consumer, event_id)
                    select ?, unnest(?)
                    on conflict do nothing
                    returning event_id""");
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("uuid", ids));
            return insert;
        }, (row, n) -> row.getObject(1, UUID.class)));
    }

    private static void requireTransaction(String method) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(method
                    + " needs the transaction that applies the event: call it inside a @Transactional method");
        }
    }
}
