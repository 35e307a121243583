package com.commercesuite.order.domain;

import java.util.List;

/**
 * What a reply or the deadline did to an order: its new state and the messages to send, or why the
 * order ignored it (then {@code order} is unchanged and nothing is sent).
 */
public record SagaReaction(Order order, List<Outgoing> outgoing, String ignoredBecause) {

    public SagaReaction {
        outgoing = List.copyOf(outgoing);
    }

    static SagaReaction moved(Order order, List<Outgoing> outgoing) {
        return new SagaReaction(order, outgoing, null);
    }

    static SagaReaction ignored(Order order, String because) {
        return new SagaReaction(order, List.of(), because);
    }

    public boolean isIgnored() {
        return ignoredBecause != null;
    }
}
