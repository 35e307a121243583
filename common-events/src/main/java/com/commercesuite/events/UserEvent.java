package com.commercesuite.events;

/** One user's action (aggregate {@code user}, id the user id), on user-activity keyed {@code user:{userId}}. */
public interface UserEvent extends AggregateEvent {

    long userId();

    @Override
    default Ref aggregate() {
        return new Ref("user", userId());
    }
}
