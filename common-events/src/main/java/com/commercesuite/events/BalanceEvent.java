package com.commercesuite.events;

/** A change of one user's balance (aggregate {@code balance}, id the user id), on balance-activity. */
public interface BalanceEvent extends AggregateEvent {

    long userId();

    @Override
    default Ref aggregate() {
        return new Ref("balance", userId());
    }
}
