package com.commercesuite.balance;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Fresh user and order ids per test: a random base per run, so reruns on the same database never collide. */
public final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(
            1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    private TestIds() {
    }

    public static long next() {
        return NEXT.incrementAndGet();
    }
}
