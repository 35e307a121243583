package com.commercesuite.events.saga;

/** Commands to balance-service, on {@code balance-commands}. */
public sealed interface BalanceCommand extends SagaMessage permits PayOrder, RefundOrder {

    /** The user whose balance the command moves. */
    long userId();
}
