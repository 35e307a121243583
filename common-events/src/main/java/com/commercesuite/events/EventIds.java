package com.commercesuite.events;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Time-ordered event ids (UUID version 7, RFC 9562): sortable by creation time, so an id alone
 * tells a log reader which event came first, and B-tree indexes on it stay append-mostly.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static long lastMillis;
    private static long counter;

    private EventIds() {
    }

    public static UUID next() {
        long millis;
        long sequence;
        LOCK.lock();
        try {
            millis = System.currentTimeMillis();
            if (millis > lastMillis) {
                lastMillis = millis;
                counter = RANDOM.nextInt(1 << 11);
            } else {
                // Same millisecond (or the clock stepped back): keep ids monotonic with the 12-bit counter.
                millis = lastMillis;
                counter++;
                if (counter > 0xFFF) {
                    lastMillis = ++millis;
                    counter = 0;
                }
            }
            sequence = counter;
        } finally {
            LOCK.unlock();
        }
        long msb = (millis << 16) | (0x7L << 12) | sequence;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
