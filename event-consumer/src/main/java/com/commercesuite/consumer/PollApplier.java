package com.commercesuite.consumer;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.tracing.TraceContexts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll's records in one database transaction, for batch listeners: every record's inbox
 * row and effect commit together, so a poll costs one commit (one WAL flush) instead of one per
 * record, and the container commits the poll's offsets only after that. The poll's inbox rows go in
 * one statement first, and only the events delivered for the first time reach the writer.
 *
 * <p>A record that cannot be read ends the transaction's run before it: the records ahead of it
 * are applied, then {@link BatchListenerFailedException} names it, and the library's error handler
 * commits the offsets before it, retries it and sends it to the DLT, and the poll goes on after it.
 * When the transaction itself fails, the records are applied again one transaction each, so that
 * the failure is pinned on the one record that causes it (those ahead of it stay applied).
 */
public class PollApplier {

    private static final Logger log = LoggerFactory.getLogger(PollApplier.class);

    private final TransactionTemplate transactions;
    private final Inbox inbox;

    PollApplier(PlatformTransactionManager transactionManager, Inbox inbox) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.inbox = inbox;
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

    private <T> List<Boolean> writePoll(List<Read<T>> readable, PollWriter<T> writer) {
        List<EventEnvelope> forWriter = readable.stream().filter(r -> r.value() != null).map(Read::envelope).toList();
        Set<UUID> first = forWriter.isEmpty() ? Set.of() : inbox.firstDeliveries(writer.consumer(), forWriter);
        List<Boolean> applied = new ArrayList<>(readable.size());
        List<Read<T>> fresh = new ArrayList<>(first.size());
        for (Read<T> r : readable) {
            // Removed as it is taken: an event twice in one poll is applied once.
            boolean isFirst = r.value() != null && first.remove(r.envelope().eventId());
            applied.add(isFirst);
            if (isFirst) {
                fresh.add(r);
            } else if (r.value() != null) {
                processedBefore(writer, r.envelope());
            }
        }
        if (fresh.isEmpty()) {
            return applied;
        }
        writer.lockAhead(fresh.stream().map(Read::value).toList());
        if (writer instanceof BulkPollWriter<T> bulk) {
            bulk.writeAll(fresh.stream().map(Read::envelope).toList(), fresh.stream().map(Read::value).toList());
        } else {
            fresh.forEach(r -> write(r, writer));
        }
        return applied;
    }

    /** One record in a transaction of its own: the replay that pins a failure on its record. */
    private <T> boolean writeOne(Read<T> r, PollWriter<T> writer) {
        if (r.value() == null) {
            return false;
        }
        if (!inbox.firstDelivery(writer.consumer(), r.envelope())) {
            processedBefore(writer, r.envelope());
            return false;
        }
        write(r, writer);
        return true;
    }

    /**
     * Under the record's trace context, so that what the write logs and the events it appends to an
     * outbox name the trace it belongs to (a poll's records may belong to many).
     */
    private static <T> void write(Read<T> r, PollWriter<T> writer) {
        try (var traced = TraceContexts.bind(r.record())) {
            writer.write(r.envelope(), r.value());
        }
    }

    private static void processedBefore(PollWriter<?> writer, EventEnvelope envelope) {
        log.info("{} {} was processed before by {}: skipped", envelope.eventType(), envelope.eventId(), writer.consumer());
    }

    /** Whether each record ahead of {@code failure} was applied (true) or a duplicate (false). */
    private record Written(List<Boolean> applied, RuntimeException failure) {
    }

    private record Read<T>(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, T value) {
    }
}
