package com.commercesuite.consumer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Forgets processed event ids older than the retention, in bounded batches so a large backlog never
 * holds one long transaction. Several instances may clean at once: deletes of the same rows are harmless.
 */
final class InboxCleaner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxCleaner.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "inbox-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    InboxCleaner(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::cleanSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return how many ids were forgotten */
    int clean() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    delete from inbox.processed_event where ctid in (
                        select ctid from inbox.processed_event
                        where processed_at < now() - make_interval(secs => ?)
                        limit ?)""", retention.toSeconds(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    private void cleanSafely() {
        try {
            int forgotten = clean();
            if (forgotten > 0) {
                log.info("Inbox forgot {} processed event ids older than {}", forgotten, retention);
            }
        } catch (RuntimeException e) {
            log.warn("Inbox cleanup failed, next attempt at the next interval: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
