package com.commercesuite.order.saga;

import com.commercesuite.order.domain.Order;
import com.commercesuite.order.domain.SagaReaction;
import com.commercesuite.order.storage.OrderRepository;
import com.commercesuite.outbox.OutboxBacklog;
import com.commercesuite.tracing.TraceContext;
import com.commercesuite.tracing.TraceContextHolder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the clock of each step whose command the outbox has delivered to Kafka, then cancels the
 * orders still PENDING after their step's deadline (or their hard deadline) and compensates every
 * step whose command was sent, the unanswered one included. A command still in the outbox (the
 * broker or the relay down) starts no clock: the suite's own outage does not use up a
 * participant's time, and only the hard deadline bounds the wait. Nor does a reply stuck in a
 * participant's outbox: while this service's own outbox cannot deliver either (Kafka takes no
 * writes, or no relay leads), every running step clock is held. Rows a reply handler (or another
 * instance) holds are skipped and seen on the next sweep, so sweeping never blocks the saga. Each
 * order is cancelled in a new span of the trace it was placed under, so its compensations (and the
 * log lines) can be found with the placement's trace id.
 */
@Component
class SagaTimeoutSweeper {

    private static final Logger log = LoggerFactory.getLogger(SagaTimeoutSweeper.class);

    private final OrderRepository orders;
    private final OutboxBacklog backlog;
    private final SagaTransitions transitions;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SagaProperties properties;
    private boolean holding;

    SagaTimeoutSweeper(OrderRepository orders, OutboxBacklog backlog, SagaTransitions transitions,
            TransactionTemplate transaction, Clock clock, SagaProperties properties) {
        this.orders = orders;
        this.backlog = backlog;
        this.transitions = transitions;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${commerce.order.saga.sweep-interval:1s}")
    void sweep() {
        holdClocksWhileNothingIsDelivered();
        startClocksOfDeliveredCommands();
        int cancelled;
        do {
            cancelled = transaction.execute(status -> sweepBatch());
        } while (cancelled == properties.sweepBatchSize());
    }

    /**
     * While the oldest event of this service's outbox has waited longer than the delivery stall,
     * nothing reaches Kafka, and a participant's reply is as stuck in its outbox as our commands are
     * in ours: every running step deadline is pushed to a full timeout from now, so the clocks run
     * again only once deliveries resume, and an outage of the suite's own cancels no order.
     */
    private void holdClocksWhileNothingIsDelivered() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant stalledSince = now.minus(properties.deliveryStall());
        boolean stalled = backlog.oldestWaitingSince().filter(since -> since.isBefore(stalledSince)).isPresent();
        if (stalled) {
            int held = orders.holdStepClocks(now.plus(properties.timeout()));
            if (!holding) {
                log.warn("Nothing reaches Kafka (the outbox's oldest event waits for over {}): step clocks held, {} running",
                        properties.deliveryStall(), held);
            }
        } else if (holding) {
            log.info("Events reach Kafka again: step clocks run, each with a full timeout of {}", properties.timeout());
        }
        holding = stalled;
    }

    /**
     * Every pending order whose clock has not started is looked at, page by page: a command found
     * delivered starts its step's clock now (at most a sweep interval after the delivery, in the
     * customer's favour). Plain statements: the update re-checks that the order still waits on it.
     */
    private void startClocksOfDeliveredCommands() {
        long afterId = 0;
        Map<Long, UUID> waiting;
        do {
            waiting = orders.awaitingDelivery(afterId, properties.sweepBatchSize());
            if (waiting.isEmpty()) {
                return;
            }
            Set<UUID> delivered = new HashSet<>(waiting.values());
            delivered.removeAll(backlog.undelivered(waiting.values()));
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            int started = orders.startStepClocks(delivered, now.plus(properties.timeout()));
            if (started > 0) {
                log.debug("Step clocks started for {} orders whose command reached Kafka, deadline {}", started,
                        now.plus(properties.timeout()));
            }
            afterId = waiting.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        } while (waiting.size() == properties.sweepBatchSize());
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
                log.info("Order {} CANCELLED: {} (step deadline {}, hard deadline {}), sent {}", order.id(),
                        reaction.order().cancellationReason(), order.stepDeadline() == null ? "not started" : order.stepDeadline(),
                        order.deadline(), SagaTransitions.names(reaction));
            }
        }
        return overdue.size();
    }
}
