package com.commercesuite.consumer;

import com.commercesuite.events.DomainEvent;
import com.commercesuite.events.EventEnvelope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A consumer as a service writes one: read the envelope, then record it and apply it in one transaction. */
@SpringBootApplication
class ConsumerTestApplication {

    /** What the test publishes; {@code failures} says how many deliveries should fail before one succeeds. */
    record NoteWritten(String noteId, String text, int failures) implements DomainEvent {
        @Override
        public String aggregateType() {
            return "note";
        }

        @Override
        public String aggregateId() {
            return noteId;
        }
    }

    @Component
    static class NoteListener {

        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        private final Notes notes;

        NoteListener(Notes notes) {
            this.notes = notes;
        }

        @KafkaListener(id = "notes", topics = "${test.topic}", groupId = "event-consumer-test")
        void on(ConsumerRecord<String, byte[]> record) {
            EventEnvelope envelope = InboundEvents.read(record);
            NoteWritten note = envelope.payloadAs(NoteWritten.class);
            int delivery = deliveries.computeIfAbsent(note.noteId(), id -> new AtomicInteger()).incrementAndGet();
            if (delivery <= note.failures()) {
                throw new IllegalStateException("note " + note.noteId() + " cannot be written yet");
            }
            notes.write(envelope, note);
        }
    }

    @Component
    static class Notes {

        private final Inbox inbox;
        private final JdbcClient jdbc;

        Notes(Inbox inbox, JdbcClient jdbc) {
            this.inbox = inbox;
            this.jdbc = jdbc;
        }

        @Transactional
        void write(EventEnvelope envelope, NoteWritten note) {
            if (inbox.firstDelivery("notes", envelope)) {
                jdbc.sql("insert into consumer_test_note (note_id, text) values (?, ?)")
                        .params(note.noteId(), note.text())
                        .update();
            }
        }
    }
}
