package com.commercesuite.order.saga;

import com.commercesuite.order.domain.Order;
import com.commercesuite.order.domain.Outgoing;
import com.commercesuite.order.domain.SagaReaction;
import com.commercesuite.order.storage.OrderRepository;
import com.commercesuite.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Persists a saga transition with the messages it sends, inside the caller's transaction. */
@Component
class SagaTransitions {

    private final OrderRepository orders;
    private final Outbox outbox;
    private final MeterRegistry meters;

    SagaTransitions(OrderRepository orders, Outbox outbox, MeterRegistry meters) {
        this.orders = orders;
        this.outbox = outbox;
        this.meters = meters;
    }

    void apply(Order before, SagaReaction reaction) {
        Order after = reaction.order();
        // The awaited command's event id: the sweeper starts the step's clock once the outbox delivered it.
        UUID awaitedCommand = null;
        for (Outgoing message : reaction.outgoing()) {
            UUID sent = outbox.append(message.topic(), message.event());
            if (after.isAwaitedCommand(message.event())) {
                awaitedCommand = sent;
            }
        }
        orders.update(before, after, awaitedCommand);
        if (after.isFinished()) {
            meters.counter("order_saga_finished", "status", after.status().name()).increment();
        }
    }

    /** "ReleaseStock, RestoreCoupon": what a transition sent, for its log line. */
    static String names(SagaReaction reaction) {
        return reaction.outgoing().isEmpty() ? "nothing"
                : String.join(", ", reaction.outgoing().stream().map(m -> m.event().getClass().getSimpleName()).toList());
    }
}
