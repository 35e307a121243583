package com.commercesuite.dataplatform.analytics;

import com.commercesuite.dataplatform.analytics.AnalyticsController.BestSeller;
import com.commercesuite.dataplatform.analytics.AnalyticsController.DailyActivity;
import com.commercesuite.dataplatform.analytics.AnalyticsController.DailyRevenue;
import com.commercesuite.dataplatform.analytics.AnalyticsController.UserOrders;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL behind the analytics API; event time is order_facts.completed_at, days are UTC days. */
@Repository
class AnalyticsQueries {

    private final JdbcClient jdbc;

    AnalyticsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<BestSeller> bestSellers(Instant since, int limit) {
        return jdbc.sql("""
                        select l.product_id, sum(l.quantity) as quantity, sum(l.quantity * l.unit_price) as revenue
                        from order_line_facts l
                        join order_facts o on o.order_id = l.order_id
                        where o.completed_at >= :since
                        group by l.product_id
                        order by quantity desc, l.product_id
                        limit :limit""")
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query((rs, n) -> new BestSeller(rs.getLong("product_id"), rs.getLong("quantity"), rs.getBigDecimal("revenue")))
                .list();
    }

    List<DailyRevenue> revenuePerDay(Instant since) {
        return jdbc.sql("""
                        select (completed_at at time zone 'UTC')::date as day, count(*) as orders, sum(final_amount) as revenue
                        from order_facts
                        where completed_at >= :since
                        group by day
                        order by day""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new DailyRevenue(rs.getObject("day", LocalDate.class), rs.getLong("orders"), rs.getBigDecimal("revenue")))
                .list();
    }

    UserOrders ordersOfUser(long userId) {
        return jdbc.sql("""
                        select count(*) as orders, coalesce(sum(final_amount), 0) as total,
                               min(completed_at) as first_at, max(completed_at) as last_at
                        from order_facts
                        where user_id = :userId""")
                .param("userId", userId)
                .query((rs, n) -> new UserOrders(userId, rs.getLong("orders"), rs.getBigDecimal("total"),
                        instant(rs.getTimestamp("first_at")), instant(rs.getTimestamp("last_at"))))
                .single();
    }

    List<DailyActivity> activityOfUser(long userId, Instant since) {
        return jdbc.sql("""
                        select (occurred_at at time zone 'UTC')::date as day, event_type, count(*) as events
                        from user_activity_facts
                        where user_id = :userId and occurred_at >= :since
                        group by day, event_type
                        order by day, event_type""")
                .param("userId", userId)
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new DailyActivity(rs.getObject("day", LocalDate.class), rs.getString("event_type"),
                        rs.getLong("events")))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
