package com.commercesuite.order.saga;

import com.commercesuite.consumer.PollWriter;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.SagaReply;
import com.commercesuite.order.domain.Order;
import com.commercesuite.order.domain.SagaReaction;
import com.commercesuite.order.storage.OrderRepository;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a participant reply in its poll's transaction: the inbox entry, the order's row (locked, so
 * a reply and the timeout sweeper never interleave on one order), its new state and the next commands.
 * A poll's replies lock only their own orders (replies are keyed by order, one partition each, and
 * the sweeper skips locked rows), so no lock is taken ahead.
 */
@Service
class AdvancingSagas implements PollWriter<SagaReply> {

    static final String CONSUMER = "order-saga";
    private static final Logger log = LoggerFactory.getLogger(AdvancingSagas.class);

    private final OrderRepository orders;
    private final SagaTransitions transitions;
    private final Clock clock;

    AdvancingSagas(OrderRepository orders, SagaTransitions transitions, Clock clock) {
        this.orders = orders;
        this.transitions = transitions;
        this.clock = clock;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public SagaReply read(EventEnvelope envelope) {
        return SagaMessages.read(envelope, SagaReply.class);
    }

    @Override
    @Transactional
    public void write(EventEnvelope envelope, SagaReply reply) {
        Optional<Order> found = orders.lockById(reply.orderId());
        if (found.isEmpty()) {
            log.warn("{} {} for unknown order {}: ignored", envelope.eventType(), envelope.eventId(), reply.orderId());
            return;
        }
        Order order = found.get();
        SagaReaction reaction = order.on(reply, clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (reaction.isIgnored()) {
            log.info("{} {} for order {} ignored: {}", envelope.eventType(), envelope.eventId(), order.id(),
                    reaction.ignoredBecause());
            return;
        }
        transitions.apply(order, reaction);
        Order after = reaction.order();
        log.info("Order {} on {}: {}{}, sent {}", order.id(), envelope.eventType(), after.status(),
                after.isFinished() ? describe(after) : " awaiting " + after.awaiting(), SagaTransitions.names(reaction));
    }

    private static String describe(Order order) {
        return order.cancellationReason() == null ? " (final amount " + order.finalAmount() + ")"
                : " (" + order.cancellationReason() + ")";
    }
}
