package com.commercesuite.order;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the service appended to its outbox for one aggregate, published or not, in sequence order:
 * the exact list of messages a transition committed, read without waiting on Kafka.
 */
public final class OutboxJournal {

    private final JdbcClient jdbc;

    public OutboxJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Entry(String topic, String recordKey, String eventType) {
    }

    /** The trace context an event of the order was appended under (the columns the relay sends as headers). */
    public record Traced(String eventType, String traceparent, String requestId) {
    }

    /** The saga's messages and events for the order: aggregate type {@code order}. */
    public List<String> eventTypesOfOrder(long orderId) {
        return entries("order", Long.toString(orderId)).stream().map(Entry::eventType).toList();
    }

    public List<Traced> traceContextsOfOrder(long orderId) {
        return jdbc.sql("""
                        select event_type, traceparent, request_id from (
                            select event_type, traceparent, request_id, aggregate_sequence from outbox.event
                            where aggregate_type = 'order' and aggregate_id = :id
                            union all
                            select event_type, traceparent, request_id, aggregate_sequence from outbox.published_event
                            where aggregate_type = 'order' and aggregate_id = :id) e
                        order by aggregate_sequence""")
                .param("id", Long.toString(orderId))
                .query((rs, n) -> new Traced(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    public List<Entry> entries(String aggregateType, String aggregateId) {
        return jdbc.sql("""
                        select topic, record_key, event_type from (
                            select topic, record_key, event_type, aggregate_sequence from outbox.event
                            where aggregate_type = :type and aggregate_id = :id
                            union all
                            select topic, record_key, event_type, aggregate_sequence from outbox.published_event
                            where aggregate_type = :type and aggregate_id = :id) e
                        order by aggregate_sequence""")
                .param("type", aggregateType)
                .param("id", aggregateId)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }
}
