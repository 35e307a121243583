package com.commercesuite.events;

/**
 * An event of an aggregate known by a number, as every aggregate of the suite is. One
 * sub-interface per kind ({@link OrderEvent}, {@link UserEvent}, {@link ProductEvent},
 * {@link CouponEvent}, {@link BalanceEvent}) says which kind and which field holds the number, so
 * an event record lists only its fields and the envelope's aggregate type and id are spelled here.
 */
public interface AggregateEvent extends DomainEvent {

    /** The aggregate the event belongs to. */
    Ref aggregate();

    @Override
    default String aggregateType() {
        return aggregate().type();
    }

    @Override
    default String aggregateId() {
        return Long.toString(aggregate().id());
    }

    /** An aggregate: its kind, for example {@code "order"}, and its number. */
    record Ref(String type, long id) {
    }
}
