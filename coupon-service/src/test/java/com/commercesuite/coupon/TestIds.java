package com.commercesuite.coupon;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Ids no other run uses (users, orders): a random base far above anything the services generate. */
public final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(
            1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 10_000L);

    private TestIds() {
    }

    public static long next() {
        return NEXT.incrementAndGet();
    }
}
