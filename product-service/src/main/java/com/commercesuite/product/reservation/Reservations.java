package com.commercesuite.product.reservation;

import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.product.domain.Reservation;
import com.commercesuite.product.domain.ReservationStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The stock_reservations table: one row per order, locked while a command for that order is applied. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Reservations {

    private static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    Reservations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The order's reservation, its row locked until the transaction ends, so two deliveries of commands
     * for one order (a rebalance can hand a partition over mid-record) apply one after the other.
     */
    Optional<Reservation> lock(long orderId) {
        return jdbc.sql("select status, reason from stock_reservations where order_id = ? for update")
                .param(orderId)
                .query((rs, n) -> new Decided(ReservationStatus.valueOf(rs.getString("status")), rs.getString("reason")))
                .optional()
                .map(decided -> new Reservation(orderId, decided.status(), decided.reason(), linesOf(orderId)));
    }

    /** The products the reservations of these orders hold lines of, whatever their status. */
    List<Long> productIdsHeldFor(Collection<Long> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select distinct product_id from stock_reservation_lines where order_id = any(?)")
                .param(orderIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    void addReserved(long orderId, List<PricedLine> lines) {
        insert(orderId, ReservationStatus.RESERVED, null);
        for (PricedLine line : lines) {
            jdbc.sql("insert into stock_reservation_lines (order_id, product_id, quantity, unit_price) values (?, ?, ?, ?)")
                    .params(orderId, line.productId(), line.quantity(), line.unitPrice())
                    .update();
        }
    }

    void addRejected(long orderId, String reason) {
        insert(orderId, ReservationStatus.REJECTED, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
    }

    /** A release for an order never reserved here: remembered, so a late ReserveStock is refused. */
    void addReleasedTombstone(long orderId) {
        insert(orderId, ReservationStatus.RELEASED, Reservation.CANCELLED);
    }

    void mark(long orderId, ReservationStatus status) {
        jdbc.sql("update stock_reservations set status = ?, updated_at = ? where order_id = ?")
                .params(status.name(), now(), orderId)
                .update();
    }

    private void insert(long orderId, ReservationStatus status, String reason) {
        OffsetDateTime now = now();
        // A concurrent first command for the same order fails here on the primary key; its retry then finds this row.
        jdbc.sql("insert into stock_reservations (order_id, status, reason, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(orderId, status.name(), reason, now, now)
                .update();
    }

    private record Decided(ReservationStatus status, String reason) {
    }

    private List<PricedLine> linesOf(long orderId) {
        return jdbc.sql("select product_id, quantity, unit_price from stock_reservation_lines where order_id = ? order by product_id")
                .param(orderId)
                .query((rs, n) -> new PricedLine(rs.getLong("product_id"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")))
                .list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
