package com.commercesuite.balance.payment;

/**
 * Another delivery decided the same order while this one was deciding (two consumers during a
 * rebalance). Rolling back and retrying answers from the decision that won.
 */
class DecidedConcurrentlyException extends RuntimeException {

    DecidedConcurrentlyException(long orderId) {
        super("order " + orderId + " was decided by a concurrent delivery; retrying answers from that decision");
    }
}
