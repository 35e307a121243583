package com.commercesuite.balance.payment;

import com.commercesuite.balance.domain.OrderPayment;
import com.commercesuite.balance.domain.PaymentStatus;
import java.sql.Types;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The order_payments table: one row per order, its primary key the guard against deciding twice. */
@Repository
class OrderPayments {

    private final JdbcClient jdbc;

    OrderPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order's row, locked until the transaction ends. */
    Optional<OrderPayment> lock(long orderId) {
        return jdbc.sql("select order_id, user_id, amount, status, reason from order_payments where order_id = ? for update")
                .param(orderId)
                .query((rs, n) -> new OrderPayment(
                        rs.getLong("order_id"),
                        rs.getLong("user_id"),
                        rs.getBigDecimal("amount"),
                        PaymentStatus.valueOf(rs.getString("status")),
                        rs.getString("reason")))
                .optional();
    }

    /**
     * Records the decision for an order nobody decided yet.
     *
     * @return false when another transaction recorded one first (it waited for that one to commit)
     */
    boolean insert(OrderPayment payment) {
        return jdbc.sql("""
                        insert into order_payments (order_id, user_id, amount, status, reason)
                        values (:orderId, :userId, :amount, :status, :reason)
                        on conflict (order_id) do nothing""")
                .param("orderId", payment.orderId())
                .param("userId", payment.userId())
                .param("amount", payment.amount(), Types.NUMERIC)
                .param("status", payment.status().name())
                .param("reason", payment.reason(), Types.VARCHAR)
                .update() == 1;
    }

    void markRefunded(long orderId) {
        jdbc.sql("update order_payments set status = 'REFUNDED', updated_at = now() where order_id = ?")
                .param(orderId)
                .update();
    }
}
