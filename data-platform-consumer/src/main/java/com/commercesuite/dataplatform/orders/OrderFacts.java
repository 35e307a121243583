package com.commercesuite.dataplatform.orders;

import com.commercesuite.consumer.Inbox;
import com.commercesuite.consumer.BulkPollWriter;
import com.commercesuite.events.EventEnvelope;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes completed orders into the data platform's fact tables, once per event id. */
@Repository
class OrderFacts implements BulkPollWriter<OrderCompleted> {

    /** The inbox's name for this consumer of order-completed. */
    static final String CONSUMER = "order-completed-facts";

    private static final String INSERT_ORDER = """
            insert into order_facts (order_id, user_id, discount, final_amount, completed_at, event_id)
            values (?, ?, ?, ?, ?, ?)
            on conflict (order_id) do nothing""";
    private static final String INSERT_LINE = """
            insert into order_line_facts (order_id, line_no, product_id, quantity, unit_price)
            values (?, ?, ?, ?, ?)""";

    private final Inbox inbox;
    private final JdbcTemplate jdbc;

    OrderFacts(Inbox inbox, JdbcTemplate jdbc) {
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    @Override
    public OrderCompleted read(EventEnvelope envelope) {
        return OrderCompleted.from(envelope);
    }

    @Override
    public boolean write(EventEnvelope envelope, OrderCompleted order) {
        return writeAll(List.of(envelope), List.of(order)).getFirst();
    }

    /**
     * Records the events' ids and applies their effects in the caller's transaction, in three
     * statements whatever the number of orders (the inbox rows, then the orders and their lines as
     * JDBC batches); a redelivered event finds its id already recorded and changes nothing.
     */
    @Override
    public List<Boolean> writeAll(List<EventEnvelope> envelopes, List<OrderCompleted> orders) {
        Set<UUID> firstTime = inbox.firstDeliveries(CONSUMER, envelopes);
        List<Boolean> applied = new ArrayList<>(orders.size());
        List<OrderCompleted> toRecord = new ArrayList<>();
        List<Object[]> orderRows = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            UUID eventId = envelopes.get(i).eventId();
            // remove: an event twice in one poll is applied once.
            boolean first = firstTime.remove(eventId);
            applied.add(first);
            if (first) {
                OrderCompleted order = orders.get(i);
                toRecord.add(order);
                orderRows.add(new Object[] {order.orderId(), order.userId(),
                        order.discount() == null ? BigDecimal.ZERO : order.discount(), order.finalAmount(),
                        Timestamp.from(order.completedAt()), eventId});
            }
        }
        if (toRecord.isEmpty()) {
            return applied;
        }
        int[] inserted = jdbc.batchUpdate(INSERT_ORDER, orderRows);
        List<Object[]> lineRows = new ArrayList<>();
        for (int k = 0; k < toRecord.size(); k++) {
            if (inserted[k] == 0) {
                continue; // the same order under another event id: its facts are already there
            }
            OrderCompleted order = toRecord.get(k);
            int lineNo = 0;
            for (OrderCompleted.Item item : order.items()) {
                lineRows.add(new Object[] {order.orderId(), ++lineNo, item.productId(), item.quantity(), item.unitPrice()});
            }
        }
        if (!lineRows.isEmpty()) {
            jdbc.batchUpdate(INSERT_LINE, lineRows);
        }
        return applied;
    }
}
