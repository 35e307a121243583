package com.commercesuite.systemtests;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the time of an order goes between its placing transaction and COMPLETED, step by step, read afterwards
 * from the services' own tables, so the measurement adds nothing to the run: when each saga message
 * was appended to its outbox ({@code created_at}), when the relay marked it published after the
 * broker's acknowledgement ({@code published_at}), when the participant's transaction that applied it
 * began ({@code inbox.processed_event.processed_at}), and the order's own {@code created_at} and
 * {@code completed_at}. The mark follows the acknowledgement, so a consumer can begin before it: its
 * "to the transaction" step is then negative and the outbox step holds the difference.
 */
final class SagaHops {

    /** One message of a completed order's saga: who appends it, of which type, and who applies it. */
    private record Hop(String from, String eventType, String to) {
    }

    /** An order without a coupon: stock, then payment, then the order completes. */
    private static final List<Hop> ORDER_WITHOUT_COUPON = List.of(
            new Hop("order", "RESERVE_STOCK", "product"),
            new Hop("product", "STOCK_RESERVED", "order"),
            new Hop("order", "PAY_ORDER", "balance"),
            new Hop("balance", "ORDER_PAID", "order"));

    private record Sent(UUID eventId, Instant appended, Instant published) {
    }

    private SagaHops() {
    }

    /** Where a step's time is spent. */
    private enum Kind {
        SERVICE("in the services, their requests and transactions"),
        OUTBOX("in the outboxes, appended to published"),
        DELIVERY("from published to the receiver's transaction");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private record Step(String name, Kind kind, double millis) {
    }

    /** Prints the p50 and p99 of each step over the given completed orders, then the steps' sums by kind. */
    static void print(String label, Collection<Long> orderIds) throws SQLException {
        Map<Long, Instant[]> orders = placedAndCompleted(orderIds);
        List<Map<Long, Sent>> sent = new ArrayList<>();
        List<Map<UUID, Instant>> applied = new ArrayList<>();
        for (Hop hop : ORDER_WITHOUT_COUPON) {
            Map<Long, Sent> messages = sent(hop, orders.keySet());
            sent.add(messages);
            applied.add(applied(hop, messages.values()));
        }
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        Map<String, List<Double>> sums = new LinkedHashMap<>();
        orders:
        for (var order : orders.entrySet()) {
            List<Step> mine = new ArrayList<>();
            Instant since = order.getValue()[0];
            for (int i = 0; i < ORDER_WITHOUT_COUPON.size(); i++) {
                Hop hop = ORDER_WITHOUT_COUPON.get(i);
                Sent message = sent.get(i).get(order.getKey());
                Instant appliedAt = message == null ? null : applied.get(i).get(message.eventId());
                if (appliedAt == null) {
                    continue orders; // a message older than the outbox's retention, or a saga that went another way
                }
                mine.add(new Step(hop.from() + "-service, to " + hop.eventType() + " appended", Kind.SERVICE,
                        millis(since, message.appended())));
                mine.add(new Step(hop.from() + "-service's relay, " + hop.eventType() + " appended to published", Kind.OUTBOX,
                        millis(message.appended(), message.published())));
                mine.add(new Step("Kafka, " + hop.eventType() + " published to " + hop.to() + "-service's transaction",
                        Kind.DELIVERY, millis(message.published(), appliedAt)));
                since = appliedAt;
            }
            mine.add(new Step("order-service, to COMPLETED", Kind.SERVICE, millis(since, order.getValue()[1])));
            for (Step step : mine) {
                steps.computeIfAbsent(step.name(), s -> new ArrayList<>()).add(step.millis());
            }
            for (Kind kind : Kind.values()) {
                double sum = mine.stream().filter(step -> step.kind() == kind).mapToDouble(Step::millis).sum();
                sums.computeIfAbsent(kind.description, k -> new ArrayList<>()).add(sum);
            }
            sums.computeIfAbsent("the order's transaction to COMPLETED", k -> new ArrayList<>())
                    .add(millis(order.getValue()[0], order.getValue()[1]));
        }
        int counted = steps.isEmpty() ? 0 : steps.values().iterator().next().size();
        System.out.printf("domain-benchmark %s, where the time goes, %d orders (p50 / p99 ms):%n", label, counted);
        steps.forEach((step, values) -> System.out.printf("domain-benchmark     %s: %s%n", step, percentiles(values)));
        sums.forEach((sum, values) -> System.out.printf("domain-benchmark   %s: %s%n", sum, percentiles(values)));
    }

    /** Each completed order's created_at (the request's transaction) and completed_at. */
    private static Map<Long, Instant[]> placedAndCompleted(Collection<Long> orderIds) throws SQLException {
        Map<Long, Instant[]> orders = new HashMap<>();
        try (Connection db = DomainBenchmark.database("order");
                PreparedStatement query = db.prepareStatement(
                        "select id, created_at, completed_at from orders where id = any(?) and status = 'COMPLETED'")) {
            query.setArray(1, db.createArrayOf("bigint", orderIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    orders.put(rs.getLong(1), new Instant[] {rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()});
                }
            }
        }
        return orders;
    }

    /** The hop's message of each order (aggregate id = order id), from its sender's published rows. */
    private static Map<Long, Sent> sent(Hop hop, Collection<Long> orderIds) throws SQLException {
        Map<Long, Sent> sent = new HashMap<>();
        try (Connection db = DomainBenchmark.database(hop.from());
                PreparedStatement query = db.prepareStatement("select aggregate_id, event_id, created_at, published_at"
                        + " from outbox.published_event where event_type = ? and aggregate_id = any(?)")) {
            query.setString(1, hop.eventType());
            query.setArray(2, db.createArrayOf("text", orderIds.stream().map(String::valueOf).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    sent.putIfAbsent(Long.parseLong(rs.getString(1)), new Sent(rs.getObject(2, UUID.class),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return sent;
    }

    /** When the receiver's transaction that applied each message began, from its inbox. */
    private static Map<UUID, Instant> applied(Hop hop, Collection<Sent> messages) throws SQLException {
        Map<UUID, Instant> applied = new HashMap<>();
        try (Connection db = DomainBenchmark.database(hop.to());
                PreparedStatement query = db.prepareStatement(
                        "select event_id, processed_at from inbox.processed_event where event_id = any(?)")) {
            Array ids = db.createArrayOf("uuid", messages.stream().map(Sent::eventId).toArray());
            query.setArray(1, ids);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return applied;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static String percentiles(List<Double> values) {
        var result = new DomainBenchmark.Result(values.stream().mapToDouble(Double::doubleValue).toArray(), Duration.ZERO);
        return "%.0f / %.0f".formatted(result.percentile(50), result.percentile(99));
    }
}
