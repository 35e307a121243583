package com.commercesuite.coupon.issuance;

import com.commercesuite.coupon.domain.Admission;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit of admissions. A request that Redis admitted queues its admission here and waits; one
 * writer records everything that queued while its previous transaction committed, in one
 * transaction and one WAL flush. A hot coupon's row and its outbox sequence row are then touched
 * once per batch, not once per user, and every request is still answered only after its own
 * admission is durable (a 202 means recorded).
 *
 * <p>The batch grows with the load by itself: one request alone is committed at once; under a rush
 * the queue fills while a commit is in flight.
 */
@Component
class IssuanceGroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IssuanceGroupCommit.class);

    private final RecordingIssuance recording;
    private final IssuanceProperties properties;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private volatile boolean running;
    private Thread writer;

    IssuanceGroupCommit(RecordingIssuance recording, IssuanceProperties properties, MeterRegistry registry) {
        this.recording = recording;
        this.properties = properties;
        this.batchSizes = DistributionSummary.builder("coupon.issuance.batch")
                .description("Admissions recorded by one group commit")
                .register(registry);
        this.commits = Timer.builder("coupon.issuance.commit")
                .description("Time of one group commit of admissions")
                .register(registry);
    }

    private record Waiting(Admission admission, CompletableFuture<Void> recorded) {
    }

    /**
     * Waits until the admission is recorded (now or before, by an earlier request or the reconciler).
     *
     * @throws CouponOverIssuedException PostgreSQL already counts the coupon's full quantity
     * @throws IssuanceNotRecordedException the commit failed or took longer than the answer timeout:
     *     the admission stays in Redis, and the reconciler records it
     */
    void record(Admission admission) {
        var waiting = new Waiting(admission, new CompletableFuture<>());
        if (!running) {
            throw new IssuanceNotRecordedException(admission, "the service is shutting down");
        }
        queue.add(waiting);
        try {
            waiting.recorded().get(properties.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CouponOverIssuedException overIssued) {
                throw overIssued;
            }
            throw new IssuanceNotRecordedException(admission, e.getCause().toString());
        } catch (TimeoutException e) {
            throw new IssuanceNotRecordedException(admission, "not committed within " + properties.answerTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuanceNotRecordedException(admission, "interrupted");
        }
    }

    private void writeLoop() {
        List<Waiting> batch = new ArrayList<>(properties.maxBatch());
        while (running || !queue.isEmpty()) {
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.maxBatch() - 1);
                commits.record(() -> commit(batch));
                batchSizes.record(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Nothing above throws past commit(); kept so the writer can never die silently.
                log.error("Group commit of {} admissions failed", batch.size(), e);
                batch.forEach(w -> w.recorded().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Waiting> batch) {
        try {
            recording.recordAll(batch.stream().map(Waiting::admission).toList());
            batch.forEach(w -> w.recorded().complete(null));
        } catch (CouponOverIssuedException e) {
            // PostgreSQL's cap refused the batch, which only happens after Redis lost admissions:
            // one transaction per admission finds out which of them fit.
            log.warn("Group commit of {} admissions refused ({}); recording them one by one", batch.size(), e.getMessage());
            batch.forEach(this::commitAlone);
        } catch (RuntimeException e) {
            log.warn("Group commit of {} admissions failed: {}", batch.size(), e.toString());
            batch.forEach(w -> w.recorded().completeExceptionally(e));
        }
    }

    private void commitAlone(Waiting waiting) {
        Admission admission = waiting.admission();
        try {
            recording.record(admission.coupon(), admission.userId(), admission.admittedAt());
            waiting.recorded().complete(null);
        } catch (RuntimeException e) {
            waiting.recorded().completeExceptionally(e);
        }
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().name("issuance-group-commit").daemon().start(this::writeLoop);
    }

    /** After the web server's graceful shutdown (a later phase stops first): the last requests get their answers. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(properties.answerTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Below the web server's phases (DEFAULT_PHASE - 1024 and - 2048): started before it, stopped after it.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
