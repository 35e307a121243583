package com.commercesuite.consumer;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ProductCommand;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.outbox.Outbox;
import com.commercesuite.tracing.TraceContext;
import com.commercesuite.tracing.TraceContextHolder;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.annotation.Transactional;

/** A consumer as a service writes one: read the envelope, then record it and apply it in one transaction. */
@SpringBootApplication
class ConsumerTestApplication {

    /**
     * What the test publishes; {@code failures} says how many deliveries should fail before one
     * succeeds, {@code databaseDown} whether they fail as an unreachable database does.
     */
    record NoteWritten(String noteId, String text, int failures, boolean databaseDown) implements NoteEvent {

        NoteWritten(String noteId, String text, int failures) {
            this(noteId, text, failures, false);
        }
    }

    /** An event of one note (aggregate {@code note}, id the note id), as the suite's aggregate interfaces do it. */
    interface NoteEvent extends DomainEvent {

        String noteId();

        @Override
        default String aggregateType() {
            return "note";
        }

        @Override
        default String aggregateId() {
            return noteId();
        }
    }

    @Component
    static class NoteListener {

        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        private final ApplyingOnce applyingOnce;
        private final JdbcClient jdbc;

        NoteListener(ApplyingOnce applyingOnce, JdbcClient jdbc) {
            this.applyingOnce = applyingOnce;
            this.jdbc = jdbc;
        }

        @KafkaListener(id = "notes", topics = "${test.topic}", groupId = "event-consumer-test")
        void on(ConsumerRecord<String, byte[]> record) {
            EventEnvelope envelope = InboundEvents.read(record);
            NoteWritten note = envelope.payloadAs(NoteWritten.class);
            int delivery = deliveries.computeIfAbsent(note.noteId(), id -> new AtomicInteger()).incrementAndGet();
            if (delivery <= note.failures()) {
                if (note.databaseDown()) {
                    throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                            new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
                }
                throw new IllegalStateException("note " + note.noteId() + " cannot be written yet");
            }
            applyingOnce.apply("notes", envelope, () -> jdbc.sql("insert into consumer_test_note (note_id, text) values (?, ?)")
                    .params(note.noteId(), note.text())
                    .update());
        }
    }

    /**
     * A saga participant's listener: reads a command of its family and catches nothing, since the
     * library's error handler knows what no retry can fix.
     */
    @Component
    static class CommandListener {

        final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final Map<UUID, ProductCommand> handled = new ConcurrentHashMap<>();

        @KafkaListener(id = "commands", topics = "${test.command-topic}", groupId = "event-consumer-command-test")
        void on(ConsumerRecord<String, byte[]> record) {
            EventEnvelope envelope = InboundEvents.read(record);
            deliveries.computeIfAbsent(envelope.eventId(), id -> new AtomicInteger()).incrementAndGet();
            handled.put(envelope.eventId(), SagaMessages.read(envelope, ProductCommand.class));
        }
    }

    /** What the forwarder appends to the outbox for each note it handles. */
    record NoteForwarded(String noteId) implements NoteEvent {
    }

    /** What the forwarder saw while it handled a note: the bound context and the logs' MDC. */
    record Handling(Optional<TraceContext> context, Optional<String> mdcTraceId, Optional<String> mdcRequestId) {
    }

    /**
     * A member that can never join: its consumer talks to an address where no broker answers. Only
     * in the context of the assignment watch's test.
     */
    @Component
    @ConditionalOnProperty("test.stranded-topic")
    static class StrandedListener {

        @KafkaListener(id = "stranded", topics = "${test.stranded-topic}", groupId = "event-consumer-stranded-test",
                properties = "bootstrap.servers=127.0.0.1:9")
        void on(ConsumerRecord<String, byte[]> record) {
            throw new IllegalStateException("a stranded listener never receives a record");
        }
    }

    /** Like a saga participant: handles a record and appends its answer to the outbox in the effect's transaction. */
    @Component
    static class NoteForwarder {

        final Map<String, Handling> handled = new ConcurrentHashMap<>();
        private final ApplyingOnce applyingOnce;
        private final Outbox outbox;

        NoteForwarder(ApplyingOnce applyingOnce, Outbox outbox) {
            this.applyingOnce = applyingOnce;
            this.outbox = outbox;
        }

        @KafkaListener(id = "forwarder", topics = "${test.forward-topic}", groupId = "event-consumer-forward-test")
        void on(ConsumerRecord<String, byte[]> record) {
            EventEnvelope envelope = InboundEvents.read(record);
            NoteWritten note = envelope.payloadAs(NoteWritten.class);
            handled.put(note.noteId(), new Handling(Optional.ofNullable(TraceContextHolder.current()),
                    Optional.ofNullable(MDC.get(TraceContextHolder.MDC_TRACE_ID)),
                    Optional.ofNullable(MDC.get(TraceContextHolder.MDC_REQUEST_ID))));
            applyingOnce.apply("forwarder", envelope, () -> outbox.append(Topic.PRODUCT_ACTIVITY, new NoteForwarded(note.noteId())));
        }
    }

    /**
     * Records the event in the consumer's inbox and applies its effect in the same transaction, the
     * first time the event is delivered; a redelivery records nothing and applies nothing.
     */
    @Component
    static class ApplyingOnce {

        private final Inbox inbox;

        ApplyingOnce(Inbox inbox) {
            this.inbox = inbox;
        }

        @Transactional
        void apply(String consumer, EventEnvelope envelope, Runnable effect) {
            if (inbox.firstDelivery(consumer, envelope)) {
                effect.run();
            }
        }
    }
}
