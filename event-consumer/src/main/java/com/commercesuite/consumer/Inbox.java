package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
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
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Inbox.firstDelivery needs the transaction that applies the event: call it inside a @Transactional method");
        }
        return jdbc.update("""
                insert into inbox.processed_event (consumer, event_id) values (?, ?)
                on conflict do nothing""", consumer, envelope.eventId()) == 1;
    }
}
