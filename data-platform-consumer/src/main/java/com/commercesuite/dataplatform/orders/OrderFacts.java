package com.commercesuite.dataplatform.orders;

import com.commercesuite.consumer.Inbox;
import com.commercesuite.dataplatform.consumption.FactWriter;
import com.commercesuite.events.EventEnvelope;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes completed orders into the data platform's fact tables, once per event id. */
@Repository
class OrderFacts implements FactWriter<OrderCompleted> {

    /** The inbox's name for this consumer of order-completed. */
    static final String CONSUMER = "order-completed-facts";

    private final Inbox inbox;
    private final JdbcClient jdbc;

    OrderFacts(Inbox inbox, JdbcClient jdbc) {
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    @Override
    public OrderCompleted read(EventEnvelope envelope) {
        return OrderCompleted.from(envelope);
    }

    /**
     * Records the event id and applies its effect in the caller's transaction; a redelivered event
     * finds its id already recorded and changes nothing.
     */
    @Override
    public boolean write(EventEnvelope envelope, OrderCompleted order) {
        if (!inbox.firstDelivery(CONSUMER, envelope)) {
            return false;
        }
        UUID eventId = envelope.eventId();
        int inserted = jdbc.sql("""
                        insert into order_facts (order_id, user_id, discount, final_amount, completed_at, event_id)
                        values (:orderId, :userId, :discount, :finalAmount, :completedAt, :eventId)
                        on conflict (order_id) do nothing""")
                .param("orderId", order.orderId())
                .param("userId", order.userId())
                .param("discount", order.discount() == null ? BigDecimal.ZERO : order.discount())
                .param("finalAmount", order.finalAmount())
                .param("completedAt", Timestamp.from(order.completedAt()))
                .param("eventId", eventId)
                .update();
        if (inserted == 0) {
            // The same order under another event id: its facts are already there.
            return true;
        }
        int lineNo = 0;
        for (OrderCompleted.Item item : order.items()) {
            jdbc.sql("""
                            insert into order_line_facts (order_id, line_no, product_id, quantity, unit_price)
                            values (:orderId, :lineNo, :productId, :quantity, :unitPrice)""")
                    .param("orderId", order.orderId())
                    .param("lineNo", ++lineNo)
                    .param("productId", item.productId())
                    .param("quantity", item.quantity())
                    .param("unitPrice", item.unitPrice())
                    .update();
        }
        return true;
    }
}
