package com.commercesuite.balance.domain;

/** What moved money on a balance: a charge adds, a payment takes, a refund gives a payment back. */
public enum EntryKind {
    CHARGE,
    PAYMENT,
    REFUND
}
