package com.commercesuite.events;

/**
 * A fact that happened to one aggregate. Implementations are immutable past-tense records
 * ({@code OrderCompleted}, {@code ProductStockChanged}); their event type is derived from the
 * record name by {@link EventTypes#of(Class)}, so the name is the contract. A record implements the
 * interface of its aggregate ({@link OrderEvent}, {@link UserEvent}, ...), which derives the
 * aggregate type and id from the record's fields; see {@link AggregateEvent}.
 */
public interface DomainEvent {

    /** The kind of aggregate the event belongs to, for example {@code "order"}. */
    String aggregateType();

    /** The aggregate's identity; on user-keyed topics this is the user id. */
    String aggregateId();

    /** Bumped when the payload changes incompatibly; consumers skip versions they do not know. */
    default int schemaVersion() {
        return 1;
    }
}
