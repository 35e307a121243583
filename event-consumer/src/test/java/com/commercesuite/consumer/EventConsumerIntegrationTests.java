package com.commercesuite.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.commercesuite.consumer.ConsumerTestApplication.CommandListener;
import com.commercesuite.consumer.ConsumerTestApplication.Handling;
import com.commercesuite.consumer.ConsumerTestApplication.NoteForwarder;
import com.commercesuite.consumer.ConsumerTestApplication.NoteListener;
import com.commercesuite.consumer.ConsumerTestApplication.NoteWritten;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.PayOrder;
import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.tracing.TraceContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/** Against the local Kafka and PostgreSQL, on a topic (and its dead-letter twin) of this run's own. */
@SpringBootTest
class EventConsumerIntegrationTests {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final String TOPIC = "event-consumer-test-" + UUID.randomUUID();
    static final String DLT = TOPIC + ".DLT";
    static final String FORWARD_TOPIC = "event-consumer-forward-test-" + UUID.randomUUID();
    static final String COMMAND_TOPIC = "event-consumer-command-test-" + UUID.randomUUID();
    static final String COMMAND_DLT = COMMAND_TOPIC + ".DLT";

    static KafkaProducer<String, byte[]> producer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox inbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    NoteListener listener;

    @Autowired
    NoteForwarder forwarder;

    @Autowired
    CommandListener commands;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        registry.add("test.topic", () -> TOPIC);
        registry.add("test.forward-topic", () -> FORWARD_TOPIC);
        registry.add("test.command-topic", () -> COMMAND_TOPIC);
    }

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            // The cluster's replication factor, as the catalog's topics have.
            admin.createTopics(Stream.of(TOPIC, DLT, FORWARD_TOPIC, COMMAND_TOPIC, COMMAND_DLT)
                    .map(name -> new NewTopic(name, Optional.of(1), Optional.empty())).toList()).all().get();
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void deleteTopics() throws Exception {
        producer.close();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.deleteTopics(List.of(TOPIC, DLT, FORWARD_TOPIC, COMMAND_TOPIC, COMMAND_DLT)).all().get();
        }
    }

    @BeforeEach
    void noteTable() {
        jdbc.sql("create table if not exists consumer_test_note (note_id varchar(64), text varchar(200))").update();
    }

    private static EventEnvelope note(String noteId, int failures) {
        return EventEnvelope.of(new NoteWritten(noteId, "text of " + noteId, failures), 1, Instant.now());
    }

    private static void send(byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, "key", value)).get();
    }

    private int notesWritten(String noteId) {
        return jdbc.sql("select count(*) from consumer_test_note where note_id = ?").param(noteId).query(Integer.class).single();
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String noteId = UUID.randomUUID().toString();
        byte[] event = EventJson.write(note(noteId, 0));
        send(event);
        send(event);
        String marker = UUID.randomUUID().toString();
        send(EventJson.write(note(marker, 0)));

        // Records of a partition are handled in order: once the marker is in, both copies were seen.
        await().atMost(Duration.ofSeconds(30)).until(() -> notesWritten(marker) == 1);
        assertThat(listener.deliveries.get(noteId)).hasValue(2);
        assertThat(notesWritten(noteId)).isEqualTo(1);
    }

    @Test
    void anAppliedRecordsOffsetIsCommittedWithinTheAckTimeThoughThePartitionFallsIdle() throws Exception {
        String noteId = UUID.randomUUID().toString();
        send(EventJson.write(note(noteId, 0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> notesWritten(noteId) == 1);

        // No further record comes to trigger it: the container's own loop commits (ack-time 1s).
        await().atMost(Duration.ofSeconds(5)).until(() -> uncommittedNotes() == 0);
    }

    @Test
    void stoppingTheListenerCommitsWhatItAppliedAtOnce() throws Exception {
        MessageListenerContainer container = Objects.requireNonNull(listeners.getListenerContainer("notes"));
        String noteId = UUID.randomUUID().toString();
        send(EventJson.write(note(noteId, 0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> notesWritten(noteId) == 1);
        try {
            container.stop();

            assertThat(uncommittedNotes()).isZero();
        } finally {
            container.start();
        }
    }

    /** The notes' records past the listener group's committed offset (all of them before its first commit). */
    private static long uncommittedNotes() throws Exception {
        var partition = new TopicPartition(TOPIC, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            var committed = admin.listConsumerGroupOffsets("event-consumer-test").partitionsToOffsetAndMetadata().get()
                    .get(partition);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
            return end - (committed == null ? 0 : committed.offset());
        }
    }

    @Test
    void aTransientFailureIsRetriedAndThenAppliedOnce() throws Exception {
        String noteId = UUID.randomUUID().toString();
        send(EventJson.write(note(noteId, 2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> notesWritten(noteId) == 1);
        assertThat(listener.deliveries.get(noteId)).hasValue(3);
        assertThat(deadLetters(DLT)).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(noteId));
    }

    @Test
    void aDatabaseThatStaysUnreachableLongerThanTheRetriesIsWaitedForNotDeadLettered() throws Exception {
        String noteId = UUID.randomUUID().toString();
        int failures = 8; // twice the retries a failure of the record itself gets
        send(EventJson.write(EventEnvelope.of(new NoteWritten(noteId, "text of " + noteId, failures, true), 1, Instant.now())));

        await().atMost(Duration.ofSeconds(30)).until(() -> notesWritten(noteId) == 1);
        assertThat(listener.deliveries.get(noteId)).hasValue(failures + 1);
        assertThat(deadLetters(DLT)).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(noteId));
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredWithItsReasonAndThePartitionMovesOn() throws Exception {
        String failing = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        send(EventJson.write(note(failing, Integer.MAX_VALUE)));
        send(EventJson.write(note(next, 0)));

        await().atMost(Duration.ofSeconds(30)).until(() -> notesWritten(next) == 1);
        assertThat(notesWritten(failing)).isZero();
        assertThat(listener.deliveries.get(failing)).hasValue(4);
        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(DLT, failing);
        assertThat(header(dead, DeadLetterErrorHandler.DLT_REASON))
                .isEqualTo("IllegalStateException: note " + failing + " cannot be written yet");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAtOnce() throws Exception {
        String garbage = "not json " + UUID.randomUUID();
        String next = UUID.randomUUID().toString();
        send(garbage.getBytes(StandardCharsets.UTF_8));
        send(EventJson.write(note(next, 0)));

        await().atMost(Duration.ofSeconds(30)).until(() -> notesWritten(next) == 1);
        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(DLT, garbage);
        assertThat(header(dead, DeadLetterErrorHandler.DLT_REASON)).startsWith("NonRetryableEventException: unreadable event at " + TOPIC);
    }

    @Test
    void aSagaMessageOfAnotherFamilyIsDeadLetteredAtOnceWithItsReason() throws Exception {
        EventEnvelope payment = EventEnvelope.of(new PayOrder(7, 42, BigDecimal.TEN), 1, Instant.now());
        EventEnvelope next = EventEnvelope.of(new ReleaseStock(8), 1, Instant.now());
        sendCommand(payment);
        sendCommand(next);

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(COMMAND_DLT, payment.eventId().toString());
        assertThat(header(dead, DeadLetterErrorHandler.DLT_REASON))
                .isEqualTo("UnknownSagaMessageException: PAY_ORDER is not a ProductCommand");
        assertThat(commands.deliveries.get(payment.eventId())).hasValue(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.handled.containsKey(next.eventId()));
    }

    @Test
    void aSagaMessageWhosePayloadDoesNotFitItsRecordIsDeadLetteredAtOnce() throws Exception {
        EventEnvelope release = EventEnvelope.of(new ReleaseStock(9), 1, Instant.now());
        var payload = (ObjectNode) release.payload().deepCopy();
        payload.put("orderId", "nine");
        EventEnvelope unfit = new EventEnvelope(release.eventId(), release.eventType(), release.aggregateType(),
                release.aggregateId(), release.aggregateSequence(), release.occurredAt(), release.schemaVersion(), payload);
        sendCommand(unfit);

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(COMMAND_DLT, unfit.eventId().toString());
        assertThat(header(dead, DeadLetterErrorHandler.DLT_REASON)).contains("\"nine\"");
        assertThat(commands.deliveries.get(unfit.eventId())).hasValue(1);
    }

    private static void sendCommand(EventEnvelope command) throws Exception {
        producer.send(new ProducerRecord<>(COMMAND_TOPIC, command.aggregateId(), EventJson.write(command))).get();
    }

    @Test
    void aRecordsTraceContextIsBoundWhileItIsHandledAndTheOutboxCarriesItOnAsAChildSpan() throws Exception {
        String traced = UUID.randomUUID().toString();
        String untraced = UUID.randomUUID().toString();
        TraceContext sent = new TraceContext("00-" + traced.replace("-", "") + "-00f067aa0ba902b7-01", "request-" + traced);
        try (var answers = new ForwardedAnswers()) {
            var headers = new RecordHeaders();
            headers.add(EventHeaders.TRACEPARENT, sent.traceparent().getBytes(StandardCharsets.UTF_8));
            headers.add(EventHeaders.REQUEST_ID, sent.requestId().getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(FORWARD_TOPIC, null, "key", EventJson.write(note(traced, 0)), headers)).get();
            // Same partition, right behind it: it must not inherit the first record's context.
            producer.send(new ProducerRecord<>(FORWARD_TOPIC, "key", EventJson.write(note(untraced, 0)))).get();

            Map<String, String> tracedAnswer = answers.answerTo(traced);
            Map<String, String> untracedAnswer = answers.answerTo(untraced);

            TraceContext carried = TraceContext.parse(tracedAnswer.get(EventHeaders.TRACEPARENT), tracedAnswer.get(EventHeaders.REQUEST_ID))
                    .orElseThrow();
            assertThat(carried.traceId()).isEqualTo(sent.traceId());
            assertThat(carried.spanId()).as("the handler's own span").isNotEqualTo(sent.spanId());
            assertThat(carried.requestId()).isEqualTo(sent.requestId());
            assertThat(forwarder.handled.get(traced)).isEqualTo(new Handling(Optional.of(carried),
                    Optional.of(sent.traceId()), Optional.of(sent.requestId())));

            assertThat(untracedAnswer).containsKey(EventHeaders.EVENT_ID)
                    .doesNotContainKeys(EventHeaders.TRACEPARENT, EventHeaders.REQUEST_ID);
            assertThat(forwarder.handled.get(untraced)).isEqualTo(new Handling(Optional.empty(), Optional.empty(), Optional.empty()));
        }
    }

    /** The forwarder's answers on product-activity from now on, as header maps by note id. */
    static final class ForwardedAnswers implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        private final Map<String, Map<String, String>> byNoteId = new HashMap<>();

        ForwardedAnswers() {
            String topic = Topic.PRODUCT_ACTIVITY.topicName();
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        Map<String, String> answerTo(String noteId) {
            return await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var headers = new HashMap<String, String>();
                    record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    byNoteId.put(headers.get(EventHeaders.AGGREGATE_ID), headers);
                }
                return byNoteId.get(noteId);
            }, Objects::nonNull);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void theInboxRecordsAPollsEventsInOneStatementAndNamesOnlyTheNewOnes() {
        EventEnvelope seen = note("poll-seen", 0);
        EventEnvelope fresh = note("poll-fresh", 0);
        var transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> inbox.firstDelivery("notes", seen));

        Set<UUID> first = transaction.execute(status -> inbox.firstDeliveries("notes", List.of(seen, fresh, fresh)));
        Set<UUID> again = transaction.execute(status -> inbox.firstDeliveries("notes", List.of(seen, fresh)));

        assertThat(first).containsExactly(fresh.eventId());
        assertThat(again).isEmpty();
        assertThatThrownBy(() -> inbox.firstDeliveries("notes", List.of(note("outside", 0))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void theInboxRefusesToRecordOutsideTheEffectsTransaction() {
        assertThatThrownBy(() -> inbox.firstDelivery("notes", note("outside", 0)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String dlt, String containing) {
        var found = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            deadLetters(dlt).stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(containing)).forEach(found::add);
            return !found.isEmpty();
        });
        return found.getFirst();
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String dlt) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            var partition = new TopicPartition(dlt, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
