package com.commercesuite.product.reservation;

import com.commercesuite.consumer.PollWriter;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ConfirmStock;
import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.ProductCommand;
import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.events.saga.ReserveStock;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.SagaReply;
import com.commercesuite.events.saga.StockReservationRejected;
import com.commercesuite.events.saga.StockReserved;
import com.commercesuite.outbox.Outbox;
import com.commercesuite.product.domain.RequestedStock;
import com.commercesuite.product.domain.Reservation;
import com.commercesuite.product.domain.ReservationStatus;
import com.commercesuite.product.stock.ProductStock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order saga's stock participant. Each command is applied in its poll's transaction together with
 * its inbox entry, its stock changes and its reply, so a redelivered command is a no-op and a reply is
 * never sent for a change that did not commit.
 */
@Service
class ReservingStock implements PollWriter<ProductCommand> {

    static final String CONSUMER = "product-saga";

    private static final Logger log = LoggerFactory.getLogger(ReservingStock.class);

    private final Reservations reservations;
    private final ProductStock products;
    private final Outbox outbox;

    ReservingStock(Reservations reservations, ProductStock products, Outbox outbox) {
        this.reservations = reservations;
        this.products = products;
        this.outbox = outbox;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public ProductCommand read(EventEnvelope envelope) {
        return SagaMessages.read(envelope, ProductCommand.class);
    }

    /**
     * Locks every product the poll's commands touch, in id order: the products a ReserveStock asks
     * for and those the reservations to release or ship hold.
     */
    @Override
    public void lockAhead(List<ProductCommand> commands) {
        Set<Long> productIds = new HashSet<>();
        List<Long> reservedFor = new ArrayList<>();
        for (ProductCommand command : commands) {
            switch (command) {
                case ReserveStock reserve -> reserve.lines().forEach(line -> productIds.add(line.productId()));
                case ReleaseStock release -> reservedFor.add(release.orderId());
                case ConfirmStock confirm -> reservedFor.add(confirm.orderId());
            }
        }
        productIds.addAll(reservations.productIdsHeldFor(reservedFor));
        if (!productIds.isEmpty()) {
            products.lockInIdOrder(productIds);
        }
    }

    @Override
    @Transactional
    public void write(EventEnvelope envelope, ProductCommand command) {
        switch (command) {
            case ReserveStock reserve -> reserve(RequestedStock.of(reserve.orderId(), reserve.lines()));
            case ReleaseStock release -> release(release.orderId());
            case ConfirmStock confirm -> confirm(confirm.orderId());
        }
    }

    private void reserve(RequestedStock request) {
        long orderId = request.orderId();
        Optional<Reservation> existing = reservations.lock(orderId);
        if (existing.isPresent()) {
            SagaReply reply = existing.get().answerToRepeatedReserve();
            log.info("Order {}: repeated ReserveStock, status {}, answered {} again", orderId, existing.get().status(),
                    reply.getClass().getSimpleName());
            outbox.append(Topic.ORDER_SAGA_REPLIES, reply);
            return;
        }
        switch (request.against(products.lockInIdOrder(request.productIds()))) {
            case RequestedStock.Decision.Reserve(var lines) -> {
                for (PricedLine line : lines) {
                    // The rows are locked and were checked, so the conditional update cannot miss; if it did, roll back.
                    products.reserve(line.productId(), line.quantity(), orderId).orElseThrow(() -> new IllegalStateException(
                            "product " + line.productId() + " could not hold " + line.quantity() + " for order " + orderId));
                }
                reservations.addReserved(orderId, lines);
                outbox.append(Topic.ORDER_SAGA_REPLIES, new StockReserved(orderId, lines));
                log.info("Order {}: stock reserved {}", orderId, lines);
            }
            case RequestedStock.Decision.Reject(var reason) -> {
                reservations.addRejected(orderId, reason);
                outbox.append(Topic.ORDER_SAGA_REPLIES, new StockReservationRejected(orderId, reason));
                log.info("Order {}: stock reservation rejected: {}", orderId, reason);
            }
        }
    }

    private void release(long orderId) {
        Optional<Reservation> existing = reservations.lock(orderId);
        if (existing.isEmpty()) {
            reservations.addReleasedTombstone(orderId);
            log.info("Order {}: released before any reservation, tombstone recorded", orderId);
            return;
        }
        Reservation reservation = existing.get();
        if (reservation.status() != ReservationStatus.RESERVED) {
            log.info("Order {}: ReleaseStock ignored, reservation is {}", orderId, reservation.status());
            return;
        }
        for (PricedLine line : reservation.lines()) {
            products.release(line.productId(), line.quantity(), orderId).orElseThrow(() -> new IllegalStateException(
                    "product " + line.productId() + " holds less than " + line.quantity() + " for order " + orderId));
        }
        reservations.mark(orderId, ReservationStatus.RELEASED);
        log.info("Order {}: stock released {}", orderId, reservation.lines());
    }

    private void confirm(long orderId) {
        Optional<Reservation> existing = reservations.lock(orderId);
        if (existing.isEmpty() || existing.get().status() != ReservationStatus.RESERVED) {
            log.warn("Order {}: ConfirmStock ignored, reservation is {}", orderId,
                    existing.map(r -> r.status().name()).orElse("unknown"));
            return;
        }
        Reservation reservation = existing.get();
        for (PricedLine line : reservation.lines()) {
            products.ship(line.productId(), line.quantity(), orderId).orElseThrow(() -> new IllegalStateException(
                    "product " + line.productId() + " holds less than " + line.quantity() + " for order " + orderId));
        }
        reservations.mark(orderId, ReservationStatus.CONFIRMED);
        log.info("Order {}: stock shipped {}", orderId, reservation.lines());
    }
}
