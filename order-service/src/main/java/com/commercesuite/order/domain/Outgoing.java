package com.commercesuite.order.domain;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.Topic;

/** A message a saga transition sends: appended to the outbox in the transaction that made the transition. */
public record Outgoing(Topic topic, DomainEvent event) {
}
