package com.commercesuite.coupon.domain;

/** What the Redis admission script decided. */
public enum AdmissionResult {
    ADMITTED,
    /** The user was admitted before. */
    DUPLICATE,
    /** As many users as the quantity were admitted. */
    SOLD_OUT,
    /** Redis has no quantity for the coupon: never seeded here, or lost; seed it and ask again. */
    UNKNOWN;

    public static AdmissionResult of(long code) {
        return switch ((int) code) {
            case 1 -> ADMITTED;
            case 0 -> DUPLICATE;
            case -1 -> SOLD_OUT;
            case -2 -> UNKNOWN;
            default -> throw new IllegalStateException("admission script answered " + code);
        };
    }
}
