package com.commercesuite.outbox;

import com.commercesuite.events.Topic;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** One test aggregate's events on product-activity: appended one per transaction, counted while they wait. */
record TestAggregateEvents(Outbox outbox, TransactionTemplate transaction, JdbcTemplate jdbc, String aggregateId) {

    /** Appends events numbered {@code from} to {@code to}, each in its own transaction. */
    void append(int from, int to) {
        for (int n = from; n <= to; n++) {
            int value = n;
            transaction.executeWithoutResult(status -> outbox.append(Topic.PRODUCT_ACTIVITY, new TestEvent(aggregateId, value)));
        }
    }

    /** Rows of this aggregate still waiting for the relay. */
    int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox.event WHERE aggregate_id = ? AND failed_at IS NULL", Integer.class, aggregateId);
    }
}
