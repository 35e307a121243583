package com.commercesuite.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relay right after a commit, so latency is not bound to the poll interval. In-process
 * on purpose: PostgreSQL NOTIFY would take a database-wide lock at every commit and serialise
 * busy writers.
 */
final class RelaySignal {

    private final Semaphore pending = new Semaphore(0);

    void wakeUp() {
        // One permit is enough however many commits happened: the relay reads everything pending.
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits for a wake-up or the timeout, whichever comes first. */
    void await(Duration timeout) throws InterruptedException {
        if (pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            pending.drainPermits();
        }
    }
}
