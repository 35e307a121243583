package com.commercesuite.dataplatform.orders;

import com.commercesuite.consumer.BulkPollWriter;
import com.commercesuite.events.EventEnvelope;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
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

    private final JdbcTemplate jdbc;

    OrderFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public OrderCompleted read(EventEnvelope envelope) {
        return OrderCompleted.from(envelope);
    }

    @Override
    public void write(EventEnvelope envelope, OrderCompleted order) {
        writeAll(List.of(envelope), List.of(order));
    }

    /**
     * Applies the orders in the caller's transaction, in two statements whatever their number (the
     * orders and their lines as JDBC batches).
     */
    @Override
    public void writeAll(List<EventEnvelope> envelopes, List<OrderCompleted> orders) {
        List<Object[]> orderRows = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            OrderCompleted order = orders.get(i);
            orderRows.add(new Object[] {order.orderId(), order.userId(),
                    order.discount() == null ? BigDecimal.ZERO : order.discount(), order.finalAmount(),
                    Timestamp.from(order.completedAt()), envelopes.get(i).eventId()});
        }
        int[] inserted = jdbc.batchUpdate(INSERT_ORDER, orderRows);
        List<Object[]> lineRows = new ArrayList<>();
        for (int k = 0; k < orders.size(); k++) {
            if (inserted[k] == 0) {
                continue; // the same order under another event id: its facts are already there
            }
            OrderCompleted order = orders.get(k);
            int lineNo = 0;
            for (OrderCompleted.Item item : order.items()) {
                lineRows.add(new Object[] {order.orderId(), ++lineNo, item.productId(), item.quantity(), item.unitPrice()});
            }
        }
        if (!lineRows.isEmpty()) {
            jdbc.batchUpdate(INSERT_LINE, lineRows);
        }
    }
}
