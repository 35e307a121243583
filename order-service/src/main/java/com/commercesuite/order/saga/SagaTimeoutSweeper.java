package com.commercesuite.order.saga;

import com.commercesuite.order.domain.Order;
import com.commercesuite.order.domain.SagaReaction;
import com.commercesuite.order.storage.OrderRepository;
import com.commercesuite.tracing.TraceContext;
import com.commercesuite.tracing.TraceContextHolder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels orders still PENDING after their deadline and compensates every step whose command was
 * sent, the unanswered one included. Rows a reply handler (or another instance) holds are skipped
 * and seen on the next sweep, so sweeping never blocks the saga. Each order is cancelled in a new
 * span of the trace it was placed under, so its compensations (and the log lines) can be found
 * with the placement's trace id.
 */
@Component
class SagaTimeoutSweeper {

    private static final Logger log = LoggerFactory.getLogger(SagaTimeoutSweeper.class);

    private final OrderRepository orders;
    private final SagaTransitions transitions;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SagaProperties properties;

    SagaTimeoutSweeper(OrderRepository orders, SagaTransitions transitions, TransactionTemplate transaction, Clock clock,
            SagaProperties properties) {
        this.orders = orders;
        this.transitions = transitions;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${commerce.order.saga.sweep-interval:1s}")
    void sweep() {
        int cancelled;
        do {
            cancelled = transaction.execute(status -> sweepBatch());
        } while (cancelled == properties.sweepBatchSize());
    }

    private int sweepBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Order> overdue = orders.lockOverdue(now, properties.sweepBatchSize());
        Map<Long, TraceContext> placedUnder = orders.placementTraceContexts(overdue.stream().map(Order::id).toList());
        for (Order order : overdue) {
            SagaReaction reaction = order.timeOut(now);
            if (reaction.isIgnored()) {
                continue;
            }
            TraceContext placement = placedUnder.get(order.id());
            try (var scope = TraceContextHolder.bind(placement == null ? TraceContext.startTrace(null) : placement.child())) {
                transitions.apply(order, reaction);
                log.info("Order {} CANCELLED: {} (deadline {}), sent {}", order.id(), reaction.order().cancellationReason(),
                        order.deadline(), SagaTransitions.names(reaction));
            }
        }
        return overdue.size();
    }
}
