package com.commercesuite.order.storage;

import com.commercesuite.order.domain.Order;
import com.commercesuite.order.domain.OrderItem;
import com.commercesuite.order.domain.OrderStatus;
import com.commercesuite.order.domain.SagaStep;
import com.commercesuite.tracing.TraceContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders and their lines in PostgreSQL; the saga's state lives in the order's row. */
@Repository
public class OrderRepository {

    private static final String COLUMNS = """
            id, user_id, idempotency_key, coupon_id, status, awaiting_step, stock_requested, coupon_requested,
            payment_requested, total_amount, discount_amount, final_amount, cancellation_reason, created_at,
            deadline, step_deadline, completed_at""";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the order with its lines unless the user already placed one with the same idempotency
     * key. A concurrent insert with the same key waits for the other transaction and then finds its
     * row, so exactly one order exists per (user, key).
     *
     * @param placedUnder the trace context of the placement (null: none), kept for the work done
     *                    later without a request
     * @return the new order with its id, or empty when the key was taken
     */
    public Optional<Order> insertIfKeyIsNew(Order order, TraceContext placedUnder) {
        Optional<Long> id = jdbc.sql("""
                        insert into orders (user_id, idempotency_key, coupon_id, status, awaiting_step, stock_requested,
                            coupon_requested, payment_requested, total_amount, discount_amount, final_amount,
                            created_at, updated_at, deadline, traceparent, request_id)
                        values (:userId, :key, :couponId, :status, :awaiting, :stock, :coupon, :payment, :subtotal,
                            :discount, :finalAmount, :createdAt, :createdAt, :deadline, :traceparent, :requestId)
                        on conflict (user_id, idempotency_key) do nothing
                        returning id""")
                .param("userId", order.userId())
                .param("key", order.idempotencyKey())
                .param("couponId", order.couponId())
                .param("status", order.status().name())
                .param("awaiting", order.awaiting() == null ? null : order.awaiting().name())
                .param("stock", order.requested().contains(SagaStep.RESERVE_STOCK))
                .param("coupon", order.requested().contains(SagaStep.USE_COUPON))
                .param("payment", order.requested().contains(SagaStep.PAY_ORDER))
                .param("subtotal", order.subtotal())
                .param("discount", order.discount())
                .param("finalAmount", order.finalAmount())
                .param("createdAt", Timestamp.from(order.createdAt()))
                .param("deadline", Timestamp.from(order.deadline()))
                .param("traceparent", placedUnder == null ? null : placedUnder.traceparent())
                .param("requestId", placedUnder == null ? null : placedUnder.requestId())
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Order placed = order.withId(id.get());
        int lineNo = 0;
        for (OrderItem item : placed.items()) {
            jdbc.sql("""
                            insert into order_lines (order_id, line_no, product_id, quantity, unit_price)
                            values (?, ?, ?, ?, ?)""")
                    .params(placed.id(), ++lineNo, item.productId(), item.quantity(), item.unitPrice())
                    .update();
        }
        return Optional.of(placed);
    }

    public Optional<Order> findByIdempotencyKey(long userId, String idempotencyKey) {
        return one(jdbc.sql("select " + COLUMNS + " from orders where user_id = ? and idempotency_key = ?")
                .params(userId, idempotencyKey).query(this::header).optional());
    }

    public Optional<Order> findById(long id) {
        return one(jdbc.sql("select " + COLUMNS + " from orders where id = ?").param(id).query(this::header).optional());
    }

    /** Reads the order and locks its row until the transaction ends: one reply or sweep at a time per order. */
    public Optional<Order> lockById(long id) {
        return one(jdbc.sql("select " + COLUMNS + " from orders where id = ? for update").param(id)
                .query(this::header).optional());
    }

    /**
     * Locks up to {@code limit} pending orders past their hard deadline or their step's deadline,
     * skipping rows another transaction holds (a reply being handled, or another instance's sweeper).
     */
    public List<Order> lockOverdue(Instant now, int limit) {
        return withLines(jdbc.sql("""
                        select %s from orders
                        where status = 'PENDING' and (deadline <= :now or step_deadline <= :now)
                        limit :limit
                        for update skip locked""".formatted(COLUMNS))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(this::header)
                .list());
    }

    /** Records the event id of the command the order now waits on (the first one, sent at placement). */
    public void awaitCommand(long orderId, UUID command) {
        jdbc.sql("update orders set awaited_command = ? where id = ?").params(command, orderId).update();
    }

    /**
     * Pending orders whose step clock has not started, after {@code afterId} in id order: their id
     * and the event id of the command they wait on.
     */
    public Map<Long, UUID> awaitingDelivery(long afterId, int limit) {
        Map<Long, UUID> commands = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, awaited_command from orders
                        where status = 'PENDING' and step_deadline is null and awaited_command is not null and id > ?
                        order by id
                        limit ?""")
                .params(afterId, limit)
                .query(rs -> {
                    commands.put(rs.getLong(1), rs.getObject(2, UUID.class));
                });
        return commands;
    }

    /**
     * Starts the step clock of the orders still waiting on these (delivered) commands. A reply that
     * moved an order on meanwhile changed its awaited command, so the order is left alone.
     */
    public int startStepClocks(Collection<UUID> deliveredCommands, Instant stepDeadline) {
        if (deliveredCommands.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update orders set step_deadline = ?
                        where awaited_command = any(cast(? as uuid[])) and status = 'PENDING' and step_deadline is null""")
                .params(Timestamp.from(stepDeadline), deliveredCommands.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    /** Pushes every running step deadline earlier than the given one out to it: the clocks are held. */
    public int holdStepClocks(Instant stepDeadline) {
        return jdbc.sql("update orders set step_deadline = ? where status = 'PENDING' and step_deadline < ?")
                .params(Timestamp.from(stepDeadline), Timestamp.from(stepDeadline))
                .update();
    }

    /** The trace context each of the orders was placed under, by order id; orders placed without one are absent. */
    public Map<Long, TraceContext> placementTraceContexts(Collection<Long> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of(); // most sweeps find nothing overdue: no query then
        }
        Map<Long, TraceContext> contexts = new LinkedHashMap<>();
        jdbc.sql("select id, traceparent, request_id from orders where id = any(?) and traceparent is not null")
                .param(orderIds.toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong("id");
                    TraceContext.parse(rs.getString("traceparent"), rs.getString("request_id"))
                            .ifPresent(context -> contexts.put(id, context));
                });
        return contexts;
    }

    /** The user's orders, newest first. */
    public List<Order> findByUser(long userId, int limit) {
        return withLines(jdbc.sql("select " + COLUMNS + " from orders where user_id = ? order by created_at desc, id desc limit ?")
                .params(userId, limit)
                .query(this::header)
                .list());
    }

    /**
     * Writes the saga's new state; the lines' prices once, when the stock reservation priced them.
     *
     * @param awaitedCommand the event id of the command the order now waits on; null when it
     *     waits for none
     */
    public void update(Order before, Order after, UUID awaitedCommand) {
        jdbc.sql("""
                        update orders set status = :status, awaiting_step = :awaiting, stock_requested = :stock,
                            coupon_requested = :coupon, payment_requested = :payment, total_amount = :subtotal,
                            discount_amount = :discount, final_amount = :finalAmount, cancellation_reason = :reason,
                            awaited_command = :command, step_deadline = :stepDeadline,
                            completed_at = :completedAt, updated_at = now(), version = version + 1
                        where id = :id""")
                .param("status", after.status().name())
                .param("awaiting", after.awaiting() == null ? null : after.awaiting().name())
                .param("stock", after.requested().contains(SagaStep.RESERVE_STOCK))
                .param("coupon", after.requested().contains(SagaStep.USE_COUPON))
                .param("payment", after.requested().contains(SagaStep.PAY_ORDER))
                .param("subtotal", after.subtotal())
                .param("discount", after.discount())
                .param("finalAmount", after.finalAmount())
                .param("reason", after.cancellationReason())
                .param("command", awaitedCommand)
                .param("stepDeadline", after.stepDeadline() == null ? null : Timestamp.from(after.stepDeadline()))
                .param("completedAt", after.completedAt() == null ? null : Timestamp.from(after.completedAt()))
                .param("id", after.id())
                .update();
        if (before.subtotal() == null && after.subtotal() != null) {
            for (OrderItem item : after.items()) {
                jdbc.sql("update order_lines set unit_price = ? where order_id = ? and product_id = ?")
                        .params(item.unitPrice(), after.id(), item.productId())
                        .update();
            }
        }
    }

    private Optional<Order> one(Optional<Order> header) {
        return header.map(order -> withLines(List.of(order)).getFirst());
    }

    private List<Order> withLines(List<Order> headers) {
        if (headers.isEmpty()) {
            return headers;
        }
        Map<Long, List<OrderItem>> lines = new LinkedHashMap<>();
        Long[] ids = headers.stream().map(Order::id).toArray(Long[]::new);
        jdbc.sql("""
                        select order_id, product_id, quantity, unit_price from order_lines
                        where order_id = any(?) order by order_id, line_no""")
                .param(ids)
                .query((ResultSet rs) -> {
                    lines.computeIfAbsent(rs.getLong("order_id"), k -> new ArrayList<>()).add(new OrderItem(
                            rs.getLong("product_id"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")));
                });
        return headers.stream()
                .map(h -> h.withItems(lines.getOrDefault(h.id(), List.of())))
                .toList();
    }

    private Order header(ResultSet rs, int rowNum) throws SQLException {
        Set<SagaStep> requested = EnumSet.noneOf(SagaStep.class);
        if (rs.getBoolean("stock_requested")) {
            requested.add(SagaStep.RESERVE_STOCK);
        }
        if (rs.getBoolean("coupon_requested")) {
            requested.add(SagaStep.USE_COUPON);
        }
        if (rs.getBoolean("payment_requested")) {
            requested.add(SagaStep.PAY_ORDER);
        }
        String awaiting = rs.getString("awaiting_step");
        Long couponId = rs.getObject("coupon_id", Long.class);
        return new Order(rs.getLong("id"), rs.getLong("user_id"), rs.getString("idempotency_key"), List.of(),
                couponId,
                OrderStatus.valueOf(rs.getString("status")),
                awaiting == null ? null : SagaStep.valueOf(awaiting),
                requested,
                rs.getBigDecimal("total_amount"),
                rs.getBigDecimal("discount_amount"),
                rs.getBigDecimal("final_amount"),
                rs.getString("cancellation_reason"),
                instant(rs, "created_at"),
                instant(rs, "deadline"),
                instant(rs, "step_deadline"),
                instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
