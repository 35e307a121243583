package com.commercesuite.order.placing;

import com.commercesuite.events.Topic;
import com.commercesuite.order.domain.Order;
import com.commercesuite.order.domain.OrderItem;
import com.commercesuite.order.domain.OrderPlaced;
import com.commercesuite.order.saga.SagaProperties;
import com.commercesuite.order.storage.OrderRepository;
import com.commercesuite.outbox.Outbox;
import com.commercesuite.tracing.TraceContextHolder;
import com.commercesuite.web.problems.IdempotencyKeyReusedException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order once per (user, idempotency key): the order, its first saga command and the
 * user's OrderPlaced activity commit together, or not at all.
 */
@Service
class PlacingOrders {

    private static final Logger log = LoggerFactory.getLogger(PlacingOrders.class);

    private final OrderRepository orders;
    private final Outbox outbox;
    private final Clock clock;
    private final SagaProperties saga;

    PlacingOrders(OrderRepository orders, Outbox outbox, Clock clock, SagaProperties saga) {
        this.orders = orders;
        this.outbox = outbox;
        this.clock = clock;
        this.saga = saga;
    }

    @Transactional
    Order place(long userId, String idempotencyKey, List<OrderItem> items, Long couponId) {
        var order = Order.place(userId, idempotencyKey, items, couponId,
                clock.instant().truncatedTo(ChronoUnit.MICROS), saga.hardDeadline());
        var placed = orders.insertIfKeyIsNew(order, TraceContextHolder.current());
        if (placed.isEmpty()) {
            // The key's first placement committed (a concurrent one was waited for by the insert).
            Order existing = orders.findByIdempotencyKey(userId, idempotencyKey).orElseThrow();
            if (!existing.placedFor(items, couponId)) {
                throw new IdempotencyKeyReusedException("Idempotency-Key was already used by user " + userId + " for order "
                        + existing.id() + " with a different body");
            }
            log.info("Order {} of user {} placed again with the same Idempotency-Key: nothing new", existing.id(), userId);
            return existing;
        }
        Order created = placed.get();
        var reserveStock = created.reserveStock();
        UUID sent = outbox.append(reserveStock.topic(), reserveStock.event());
        orders.awaitCommand(created.id(), sent);
        outbox.append(Topic.USER_ACTIVITY, new OrderPlaced(userId, created.id(),
                items.stream().map(i -> new OrderPlaced.Item(i.productId(), i.quantity())).toList(),
                couponId, created.createdAt()));
        log.info("Order {} placed by user {}: {} lines, coupon {}, hard deadline {}; ReserveStock sent",
                created.id(), userId, items.size(), couponId, created.deadline());
        return created;
    }
}
