package com.commercesuite.coupon.domain;

/** How a coupon's discount value is read: an amount off, or a percentage (1..100) of the order amount. */
public enum DiscountType {
    FIXED,
    PERCENTAGE
}
