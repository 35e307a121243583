package com.commercesuite.coupon.saga;

import com.commercesuite.coupon.domain.OrderOutcome;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** coupon_order_outcomes: the saga's memory per order. */
@Repository
class OrderOutcomes {

    private final JdbcClient jdbc;

    OrderOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OrderOutcome> lock(long orderId) {
        return jdbc.sql("""
                        select order_id, coupon_id, user_id, outcome, discount, reason from coupon_order_outcomes
                        where order_id = ? for update""")
                .param(orderId)
                .query((rs, n) -> new OrderOutcome(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        OrderOutcome.Kind.valueOf(rs.getString(4)), rs.getBigDecimal(5), rs.getString(6)))
                .optional();
    }

    /** Fails on a second outcome for the same order: the listener's retry then answers from the first. */
    void insert(OrderOutcome outcome) {
        jdbc.sql("""
                        insert into coupon_order_outcomes (order_id, coupon_id, user_id, outcome, discount, reason)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(outcome.orderId(), outcome.couponId(), outcome.userId(), outcome.kind().name(), outcome.discount(),
                        outcome.reason())
                .update();
    }

    void markRestored(long orderId) {
        jdbc.sql("update coupon_order_outcomes set outcome = 'RESTORED', updated_at = now() where order_id = ?")
                .param(orderId)
                .update();
    }
}
