package com.commercesuite.product.domain;

public enum ReservationStatus {
    /** Stock is held for the order. */
    RESERVED,
    /** The order was cancelled: its hold was given back, or it never had one (a tombstone). */
    RELEASED,
    /** The order completed and its units shipped. */
    CONFIRMED,
    /** Nothing was held; the reason is kept so that a repeated request gets the same answer. */
    REJECTED
}
