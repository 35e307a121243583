package com.commercesuite.lag.pass;

import com.commercesuite.lag.LagProperties;
import com.commercesuite.lag.broker.OldestRecordReader;
import com.commercesuite.lag.metrics.LagMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs a pass every {@code commerce.lag.interval} (counted from the end of the previous one, so a
 * slow broker never stacks passes) on one thread of its own, and publishes each pass's figures.
 * Stopped before the clients close: a pass in progress is woken up and awaited.
 */
@Component
class LagPasses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LagPasses.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final LagPass pass;
    private final OldestRecordReader oldestRecords;
    private final LatestLag latest;
    private final LagMeters meters;
    private final Clock clock;
    private final Duration interval;
    private final Timer passTime;
    private final Counter failures;
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;

    LagPasses(LagPass pass, OldestRecordReader oldestRecords, LatestLag latest, LagMeters meters,
            LagProperties properties, Clock clock, MeterRegistry registry) {
        this.pass = pass;
        this.oldestRecords = oldestRecords;
        this.latest = latest;
        this.meters = meters;
        this.clock = clock;
        this.interval = properties.interval();
        this.passTime = Timer.builder("kafka.lag.exporter.pass")
                .description("Time to measure every selected consumer group once")
                .register(registry);
        this.failures = Counter.builder("kafka.lag.exporter.pass.failures")
                .description("Passes that failed or left some group, partition or oldest record unread")
                .register(registry);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "lag-pass"));
        running = true;
        executor.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("measuring consumer group lag every {}", interval);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = this.executor;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        oldestRecords.wakeup();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void runOnce() {
        Timer.Sample sample = Timer.start();
        try {
            PassOutcome outcome = pass.run(latest.snapshot());
            latest.finished(outcome);
            meters.show(outcome.snapshot());
            if (!outcome.complete()) {
                failures.increment();
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Caught so that the schedule goes on: the next pass may find the broker back.
            fail(e);
        } finally {
            sample.stop(passTime);
        }
    }

    private void fail(Exception e) {
        failures.increment();
        latest.failed(clock.instant(), e.toString());
        log.warn("lag pass failed, figures of the previous pass kept: {}", e.toString());
    }
}
