package com.commercesuite.dataplatform.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.dataplatform.ConsumerHttp;
import com.commercesuite.dataplatform.testevents.OrderCompleted;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.EventHeaders;
import com.commercesuite.events.EventJson;
import com.commercesuite.events.Topic;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The consumer end to end against the real local Kafka and PostgreSQL: records are published with
 * a plain KafkaProducer as the outbox relay would, and the effects are read back from the database,
 * the DLT and the HTTP API. Ids are unique per run, so runs do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderCompletedConsumerIntegrationTests {

    private static final String TOPIC = Topic.ORDER_COMPLETED.topicName();
    private static final String DLT = TOPIC + ".DLT";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Ids no other run uses: a random base far above anything the services generate. */
    private static final AtomicLong IDS = new AtomicLong(
            1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void recordsACompletedOrderAsFactsWithItsLines() throws Exception {
        long productA = IDS.incrementAndGet();
        long productB = IDS.incrementAndGet();
        var order = order(IDS.incrementAndGet(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                new OrderCompleted.Item(productA, 2, new BigDecimal("10.00")),
                new OrderCompleted.Item(productB, 1, new BigDecimal("5.50")));
        EventEnvelope envelope = envelopeOf(order);

        publish(envelope);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(factCount(order.orderId())).isEqualTo(1));
        Map<String, Object> fact = jdbc.sql("select user_id, final_amount, completed_at, event_id from order_facts where order_id = ?")
                .param(order.orderId()).query().singleRow();
        assertThat(fact.get("user_id")).isEqualTo(order.userId());
        assertThat((BigDecimal) fact.get("final_amount")).isEqualByComparingTo(order.finalAmount());
        assertThat(fact.get("event_id")).isEqualTo(envelope.eventId());
        assertThat(jdbc.sql("select product_id, quantity from order_line_facts where order_id = ? order by line_no")
                .param(order.orderId()).query((rs, n) -> rs.getLong(1) + "x" + rs.getInt(2)).list())
                .containsExactly(productA + "x2", productB + "x1");
    }

    @Test
    void appliesTheSameEventOnlyOnceWhenItIsDeliveredTwice() throws Exception {
        var order = order(IDS.incrementAndGet(), Instant.now(),
                new OrderCompleted.Item(IDS.incrementAndGet(), 3, new BigDecimal("1.00")));
        EventEnvelope envelope = envelopeOf(order);
        var marker = order(IDS.incrementAndGet(), Instant.now(),
                new OrderCompleted.Item(IDS.incrementAndGet(), 1, new BigDecimal("1.00")));

        publish(envelope);
        publish(envelope);
        // Sent to the same partition after both copies, so once it is applied both copies were handled.
        publish(envelopeOf(marker), partitionOf(envelope));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(factCount(marker.orderId())).isEqualTo(1));
        assertThat(factCount(order.orderId())).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from order_line_facts where order_id = ?").param(order.orderId())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from inbox.processed_event where consumer = 'order-completed-facts' and event_id = ?")
                .param(envelope.eventId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void sendsUnreadableAndUnknownRecordsToTheDeadLetterTopicWithTheReasonAndKeepsConsuming() throws Exception {
        int partition = 1;
        byte[] badJson = ("{not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        var future = order(IDS.incrementAndGet(), Instant.now(),
                new OrderCompleted.Item(IDS.incrementAndGet(), 1, BigDecimal.ONE));
        EventEnvelope v1 = envelopeOf(future);
        EventEnvelope unknownSchema = new EventEnvelope(v1.eventId(), v1.eventType(), v1.aggregateType(), v1.aggregateId(),
                1, v1.occurredAt(), 2, v1.payload());
        EventEnvelope v1Again = envelopeOf(future);
        EventEnvelope unknownType = new EventEnvelope(v1Again.eventId(), "ORDER_TELEPORTED", v1Again.aggregateType(),
                v1Again.aggregateId(), 1, v1Again.occurredAt(), 1, v1Again.payload());
        var good = order(IDS.incrementAndGet(), Instant.now(),
                new OrderCompleted.Item(IDS.incrementAndGet(), 1, BigDecimal.ONE));

        try (var dlt = dltReader()) {
            long started = System.nanoTime();
            producer.send(new ProducerRecord<>(TOPIC, partition, null, badJson)).get();
            publish(unknownSchema, partition);
            publish(unknownType, partition);
            publish(envelopeOf(good), partition);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(factCount(good.orderId())).isEqualTo(1));
            Duration tookToPassThem = Duration.ofNanos(System.nanoTime() - started);

            List<ConsumerRecord<String, byte[]>> deadLettered = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                dlt.poll(Duration.ofMillis(200)).forEach(deadLettered::add);
                assertThat(deadLettered).anyMatch(r -> java.util.Arrays.equals(r.value(), badJson));
                assertThat(deadLettered).anyMatch(r -> eventIdOf(r).equals(Optional.of(unknownSchema.eventId().toString())));
                assertThat(deadLettered).anyMatch(r -> eventIdOf(r).equals(Optional.of(unknownType.eventId().toString())));
            });
            for (var record : deadLettered.stream().filter(r -> java.util.Arrays.equals(r.value(), badJson)
                    || eventIdOf(r).equals(Optional.of(unknownSchema.eventId().toString()))
                    || eventIdOf(r).equals(Optional.of(unknownType.eventId().toString()))).toList()) {
                assertThat(record.partition()).isEqualTo(partition);
                assertThat(header(record, "dltReason")).isNotBlank();
                assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank();
                assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
                assertThat(record.headers().lastHeader("kafka_dlt-original-partition")).isNotNull();
                assertThat(record.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
            }
            assertThat(deadLettered).anyMatch(r -> header(r, "dltReason").contains("schemaVersion 2"));
            assertThat(deadLettered).anyMatch(r -> header(r, "dltReason").contains("ORDER_TELEPORTED"));
            // Not retried: three backoffs of 200 ms to 1 s per record would take several seconds.
            assertThat(tookToPassThem).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(factCount(future.orderId())).isZero();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(metricValue("dataplatform_records_failed_total")).isGreaterThanOrEqualTo(3));
    }

    @Test
    void appliesThePollAroundARecordWhoseEffectTheDatabaseRefuses() throws Exception {
        int partition = 2;
        var before = order(IDS.incrementAndGet(), Instant.now(),
                new OrderCompleted.Item(IDS.incrementAndGet(), 1, BigDecimal.ONE));
        // Readable, but its amount does not fit numeric(19, 2): the insert fails in PostgreSQL.
        var tooLarge = new OrderCompleted(IDS.incrementAndGet(), IDS.incrementAndGet(),
                List.of(new OrderCompleted.Item(IDS.incrementAndGet(), 1, BigDecimal.ONE)),
                BigDecimal.ZERO, new BigDecimal("1000000000000000000.00"), Instant.now());
        var after = order(IDS.incrementAndGet(), Instant.now(),
                new OrderCompleted.Item(IDS.incrementAndGet(), 1, BigDecimal.ONE));
        EventEnvelope refused = envelopeOf(tooLarge);

        try (var dlt = dltReader()) {
            // Sent back to back so that the consumer most likely takes all three in one poll.
            for (EventEnvelope envelope : List.of(envelopeOf(before), refused, envelopeOf(after))) {
                var record = new ProducerRecord<String, byte[]>(TOPIC, partition, null, EventJson.write(envelope));
                EventHeaders.standard(envelope).forEach((name, value) -> record.headers().add(name, utf8(value)));
                producer.send(record);
            }
            producer.flush();

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(factCount(before.orderId())).isEqualTo(1);
                assertThat(factCount(after.orderId())).isEqualTo(1);
            });
            List<ConsumerRecord<String, byte[]>> deadLettered = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                dlt.poll(Duration.ofMillis(200)).forEach(deadLettered::add);
                assertThat(deadLettered).filteredOn(r -> eventIdOf(r).equals(Optional.of(refused.eventId().toString())))
                        .singleElement()
                        .satisfies(r -> assertThat(header(r, "dltReason")).containsIgnoringCase("overflow"));
            });
        }
        assertThat(factCount(tooLarge.orderId())).isZero();
    }

    @Test
    void answersAnalyticsFromItsFactsByEventTime() throws Exception {
        long user = IDS.incrementAndGet();
        long top = IDS.incrementAndGet();
        long second = IDS.incrementAndGet();
        long old = IDS.incrementAndGet();
        Instant now = Instant.now();
        // A day no other run of this test picks the same as this one, far enough back to be quiet.
        int daysAgo = 100 + ThreadLocalRandom.current().nextInt(250);
        Instant longAgo = LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC);
        // Quantities grow with the clock, so this run's products outsell those of every earlier run.
        int quantity = (int) (now.getEpochSecond() - 1_000);
        var first = order(IDS.incrementAndGet(), user, now,
                new OrderCompleted.Item(top, quantity + 2, new BigDecimal("2.00")),
                new OrderCompleted.Item(second, quantity - 50, new BigDecimal("3.00")));
        var again = order(IDS.incrementAndGet(), user, now.minus(1, ChronoUnit.HOURS),
                new OrderCompleted.Item(second, 51, new BigDecimal("3.00")));
        // Arrives late: counts in its own day, outside a 3-day window.
        var late = order(IDS.incrementAndGet(), user, longAgo,
                new OrderCompleted.Item(old, 900_000, new BigDecimal("1.00")));
        publish(envelopeOf(first));
        publish(envelopeOf(again));
        publish(envelopeOf(late));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(factCount(first.orderId()) + factCount(again.orderId())
                + factCount(late.orderId())).isEqualTo(3));

        String bestSellers = get("/api/analytics/best-sellers?days=3&limit=10").getBody();
        List<Number> ranked = JsonPath.read(bestSellers, "$[?(@.productId in [" + top + "," + second + "," + old + "])].productId");
        assertThat(ranked.stream().map(Number::longValue).toList()).containsExactly(top, second);
        List<Number> secondQuantity = JsonPath.read(bestSellers, "$[?(@.productId == " + second + ")].quantity");
        assertThat(secondQuantity.getFirst().longValue()).isEqualTo(quantity + 1L);

        String revenue = get("/api/analytics/revenue-per-day?days=" + (daysAgo + 1)).getBody();
        List<Object> lateDay = JsonPath.read(revenue, "$[?(@.day == '" + longAgo.atZone(ZoneOffset.UTC).toLocalDate() + "')].revenue");
        assertThat(new BigDecimal(lateDay.getFirst().toString())).isGreaterThanOrEqualTo(late.finalAmount());

        String perUser = get("/api/analytics/orders-per-user/" + user).getBody();
        assertThat(JsonPath.<Number>read(perUser, "$.orders").longValue()).isEqualTo(3);
        assertThat(new BigDecimal(JsonPath.read(perUser, "$.totalAmount").toString()))
                .isEqualByComparingTo(first.finalAmount().add(again.finalAmount()).add(late.finalAmount()));
    }

    @Test
    void refusesAnInvalidDaysParameterWithAProblemNamingIt() {
        for (String uri : List.of("/api/analytics/best-sellers?days=0", "/api/analytics/best-sellers?days=366",
                "/api/analytics/revenue-per-day?days=abc", "/api/analytics/revenue-per-day?days=-1")) {
            ResponseEntity<String> response = get(uri);
            assertThat(response.getStatusCode().value()).as(uri).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(uri).isNotNull();
            assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as(uri).isTrue();
            assertThat(JsonPath.<Integer>read(response.getBody(), "$.status")).isEqualTo(400);
            assertThat(JsonPath.<String>read(response.getBody(), "$.parameter")).isEqualTo("days");
            assertThat(JsonPath.<String>read(response.getBody(), "$.detail")).contains("days");
        }
    }

    @Test
    void servesItsConsumerMetrics() {
        String metrics = new ConsumerHttp(port).metrics();
        assertThat(metrics).contains(
                "dataplatform_records_processed_total{",
                "dataplatform_records_failed_total{",
                "dataplatform_processing_time_seconds_count{",
                "dataplatform_end_to_end_latency_seconds_bucket{",
                "dataplatform_consumer_assigned_partitions{",
                "topic=\"order-completed\"");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(metricValue("dataplatform_consumer_assigned_partitions")).isEqualTo(3);
            assertThat(metricValue("dataplatform_consumer_rebalances_total")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void joinsItsGroupWithTheKafka4ConsumerProtocolAndHoldsEveryPartitionAlone() {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(consumerGroup))
                        .describedGroups().get(consumerGroup).get();
                assertThat(group.type()).isEqualTo(GroupType.CONSUMER);
                assertThat(group.members()).hasSize(1);
                assertThat(group.members().iterator().next().assignment().topicPartitions())
                        .extracting(TopicPartition::topic).containsExactly(TOPIC, TOPIC, TOPIC);
            });
        }
    }

    // --- helpers ---

    private static OrderCompleted order(long orderId, Instant completedAt, OrderCompleted.Item... items) {
        return order(orderId, IDS.incrementAndGet(), completedAt, items);
    }

    private static OrderCompleted order(long orderId, long userId, Instant completedAt, OrderCompleted.Item... items) {
        BigDecimal total = BigDecimal.ZERO;
        for (var item : items) {
            total = total.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
        }
        BigDecimal discount = new BigDecimal("1.00").min(total);
        return new OrderCompleted(orderId, userId, List.of(items), discount, total.subtract(discount), completedAt);
    }

    private static EventEnvelope envelopeOf(OrderCompleted order) {
        return EventEnvelope.of(order, 1, Instant.now());
    }

    private static int partitionOf(EventEnvelope envelope) {
        return Math.floorMod(envelope.eventId().hashCode(), Topic.ORDER_COMPLETED.partitions());
    }

    private static void publish(EventEnvelope envelope) throws Exception {
        publish(envelope, partitionOf(envelope));
    }

    /** As the outbox relay publishes: unkeyed on this topic, the envelope as value, the standard headers. */
    private static void publish(EventEnvelope envelope, int partition) throws Exception {
        var record = new ProducerRecord<String, byte[]>(TOPIC, partition, null, EventJson.write(envelope));
        EventHeaders.standard(envelope).forEach((name, value) -> record.headers().add(name, utf8(value)));
        producer.send(record).get();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> dltReader() {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topic.ORDER_COMPLETED.partitions(); p++) {
            partitions.add(new TopicPartition(DLT, p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is dead-lettered
        return consumer;
    }

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${commerce.data-platform.consumer-group}")
    String consumerGroup;

    private String bootstrapServers() {
        return bootstrapServers;
    }

    private static Optional<String> eventIdOf(ConsumerRecord<String, byte[]> record) {
        return Optional.ofNullable(record.headers().lastHeader(EventHeaders.EVENT_ID))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private long factCount(long orderId) {
        return jdbc.sql("select count(*) from order_facts where order_id = ?").param(orderId).query(Long.class).single();
    }

    private double metricValue(String name) {
        return new ConsumerHttp(port).metricValue(name, TOPIC);
    }

    private ResponseEntity<String> get(String uri) {
        return new ConsumerHttp(port).get(uri);
    }
}
