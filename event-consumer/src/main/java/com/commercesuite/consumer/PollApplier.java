package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.tracing.TraceContexts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll's records in one database transaction, for batch listeners: every record's inbox
 * row and effect commit together, so a poll costs one commit (one WAL flush) instead of one per
 * record, and the container commits the poll's offsets only after that.
 *
 * <p>A record that cannot be read ends the transaction's run before it: the records ahead of it
 * are applied, then {@link BatchListenerFailedException} names it, and the library's error handler
 * commits the offsets before it, retries it and sends it to the DLT, and the poll goes on after it.
 * When the transaction itself fails, the records are applied again one transaction each, so that
 * the failure is pinned on the one record that causes it (those ahead of it stay applied).
 */
public class PollApplier {

    private final TransactionTemplate transactions;

    PollApplier(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public <T> void apply(List<ConsumerRecord<String, byte[]>> records, PollWriter<T> writer) {
        apply(records, writer, PollObserver.NONE);
    }

    public <T> void apply(List<ConsumerRecord<String, byte[]>> records, PollWriter<T> writer, PollObserver observer) {
        long started = System.nanoTime();
        List<Read<T>> readable = new ArrayList<>(records.size());
        RuntimeException unreadable = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope envelope = InboundEvents.read(record);
                readable.add(new Read<>(record, envelope, writer.read(envelope)));
            } catch (RuntimeException e) {
                unreadable = e;
                break;
            }
        }
        Written written = writeAll(readable, writer);
        Duration share = readable.isEmpty() ? Duration.ZERO
                : Duration.ofNanos((System.nanoTime() - started) / readable.size());
        for (int i = 0; i < written.applied().size(); i++) {
            Read<T> r = readable.get(i);
            if (written.applied().get(i)) {
                observer.applied(r.record(), r.envelope(), share);
            } else {
                observer.duplicate(r.record(), share);
            }
        }
        if (written.failure() != null) {
            throw new BatchListenerFailedException(written.failure().getMessage(), written.failure(),
                    written.applied().size());
        }
        if (unreadable != null) {
            throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, readable.size());
        }
    }

    private <T> Written writeAll(List<Read<T>> readable, PollWriter<T> writer) {
        if (readable.isEmpty()) {
            return new Written(List.of(), null);
        }
        try {
            return new Written(transactions.execute(status -> writePoll(readable, writer)), null);
        } catch (RuntimeException pollFailed) {
            List<Boolean> applied = new ArrayList<>(readable.size());
            for (Read<T> r : readable) {
                try {
                    applied.add(transactions.execute(status -> writeOne(r, writer)));
                } catch (RuntimeException e) {
                    return new Written(applied, e);
                }
            }
            return new Written(applied, null);
        }
    }

    private static <T> List<Boolean> writePoll(List<Read<T>> readable, PollWriter<T> writer) {
        writer.lockAhead(readable.stream().map(Read::value).toList());
        if (writer instanceof BulkPollWriter<T> bulk) {
            return bulk.writeAll(readable.stream().map(Read::envelope).toList(), readable.stream().map(Read::value).toList());
        }
        List<Boolean> applied = new ArrayList<>(readable.size());
        for (Read<T> r : readable) {
            applied.add(writeOne(r, writer));
        }
        return applied;
    }

    /**
     * One record, under its trace context, so that what the write logs and the events it appends to
     * an outbox name the trace it belongs to (a poll's records may belong to many).
     */
    private static <T> boolean writeOne(Read<T> r, PollWriter<T> writer) {
        try (var traced = TraceContexts.bind(r.record())) {
            return writer.write(r.envelope(), r.value());
        }
    }

    /** Whether each record ahead of {@code failure} was applied (true) or a duplicate (false). */
    private record Written(List<Boolean> applied, RuntimeException failure) {
    }

    private record Read<T>(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, T value) {
    }
}
