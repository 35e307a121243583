package com.commercesuite.dataplatform.orders;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Writes completed orders into the data platform's fact tables, once per event id. */
@Repository
class OrderFacts {

    private final JdbcClient jdbc;

    OrderFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the event id and applies its effect in one transaction; a redelivered event finds
     * its id already recorded and changes nothing.
     *
     * @return true when applied, false when the event had been processed before
     */
    @Transactional
    boolean apply(UUID eventId, String topic, OrderCompleted order) {
        int recorded = jdbc.sql("""
                        insert into processed_events (event_id, topic) values (:eventId, :topic)
                        on conflict (event_id) do nothing""")
                .param("eventId", eventId)
                .param("topic", topic)
                .update();
        if (recorded == 0) {
            return false;
        }
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
