package com.commercesuite.outbox;

import com.commercesuite.events.DomainEvent;

/** A stand-in domain event; {@code padding} sizes the record. */
record TestEvent(String aggregateId, int n, String padding) implements DomainEvent {

    TestEvent(String aggregateId, int n) {
        this(aggregateId, n, "");
    }

    @Override
    public String aggregateType() {
        return "test-aggregate";
    }
}
