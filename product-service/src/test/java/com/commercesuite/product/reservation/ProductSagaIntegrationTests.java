package com.commercesuite.product.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.events.saga.ConfirmStock;
import com.commercesuite.events.saga.OrderLine;
import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.events.saga.ReserveStock;
import com.commercesuite.events.saga.SagaMessages;
import com.commercesuite.events.saga.SagaReply;
import com.commercesuite.events.saga.StockReservationRejected;
import com.commercesuite.events.saga.StockReserved;
import com.commercesuite.product.domain.Product;
import com.commercesuite.product.stock.ProductStock;
import com.commercesuite.testsupport.TopicTail;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The saga participant end to end: commands go to product-commands as real Kafka records, the listener
 * in product-saga-consumer-group applies them, and the replies are read back from order-saga-replies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductSagaIntegrationTests {

    /** Generous: the first command waits for the listener to join its group. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static SagaCommands commands;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    ProductStock productStock;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    TestProducts products;

    @BeforeAll
    static void startProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        commands = new SagaCommands(bootstrapServers);
    }

    @AfterAll
    static void stopProducer() {
        if (commands != null) {
            commands.close();
        }
    }

    @BeforeEach
    void products() {
        products = new TestProducts(productStock, transactions, jdbc);
    }

    @Test
    void twentyConcurrentReservationsForTheLastFiveUnitsHoldExactlyFive() {
        long product = products.create(5, "9.99");
        List<Long> orders = LongStream.range(0, 20).map(i -> SagaCommands.newOrderId()).boxed().toList();

        try (var replies = repliesFromNow()) {
            orders.forEach(order -> commands.send(new ReserveStock(order, List.of(new OrderLine(product, 1)))));
            commands.flush();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, orders)).hasSize(20));
            List<SagaReply> answers = replies(replies, orders);
            assertThat(answers).filteredOn(StockReserved.class::isInstance).hasSize(5)
                    .allSatisfy(reply -> assertThat(((StockReserved) reply).lines())
                            .containsExactly(new PricedLine(product, 1, new BigDecimal("9.99"))));
            assertThat(answers).filteredOn(StockReservationRejected.class::isInstance).hasSize(15)
                    .allSatisfy(reply -> assertThat(((StockReservationRejected) reply).reason()).contains("product " + product));
            assertThat(answers).extracting(SagaReply::orderId).containsExactlyInAnyOrderElementsOf(orders);
        }
        Product after = products.get(product);
        assertThat(after.reserved()).isEqualTo(5);
        assertThat(after.stock()).isEqualTo(5);
        assertThat(after.available()).isZero();
        assertThat(products.countWithStatus(orders, "RESERVED")).isEqualTo(5);
        assertThat(products.countWithStatus(orders, "REJECTED")).isEqualTo(15);
        products.assertBalanced(product);
    }

    @Test
    void aRedeliveredCommandChangesStockOnceAndRepliesOnceAndARepeatedOneAnswersTheSameReservation() {
        long product = products.create(10, "2.50");
        long order = SagaCommands.newOrderId();
        var reserve = new ReserveStock(order, List.of(new OrderLine(product, 3)));
        EventEnvelope first = SagaCommands.envelopeOf(reserve);
        EventEnvelope repeated = SagaCommands.envelopeOf(reserve);

        try (var replies = repliesFromNow()) {
            // Same key, so same partition: applied in this order.
            commands.send(first);
            commands.send(first);
            commands.send(repeated);
            commands.flush();

            await().atMost(PATIENCE).until(() -> products.processed(repeated.eventId()));
            await().atMost(PATIENCE).until(() -> backlogOfRepliesTo(order) == 0);
            // Everything the service answered is on the topic now; read all of it.
            List<EventEnvelope> envelopes = replies.keyedUpToTheEnd(List.of(Long.toString(order)));
            // The second copy of the first command would have been answered before the repeated one: it was not.
            assertThat(envelopes).extracting(EventEnvelope::aggregateSequence).containsExactly(1L, 2L);
            var expected = new StockReserved(order, List.of(new PricedLine(product, 3, new BigDecimal("2.50"))));
            assertThat(replies(replies, List.of(order))).containsExactly(expected, expected);
        }
        Product after = products.get(product);
        assertThat(after.reserved()).isEqualTo(3);
        assertThat(after.stock()).isEqualTo(10);
        products.assertBalanced(product);
    }

    @Test
    void releasingAReservationMakesItsUnitsAvailableAgain() {
        long product = products.create(5, "1.00");
        long cancelled = SagaCommands.newOrderId();
        long next = SagaCommands.newOrderId();

        try (var replies = repliesFromNow()) {
            commands.send(new ReserveStock(cancelled, List.of(new OrderLine(product, 4))));
            commands.flush();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(cancelled)))
                    .singleElement().isInstanceOf(StockReserved.class));
            assertThat(products.get(product).available()).isEqualTo(1);

            commands.send(new ReleaseStock(cancelled));
            commands.flush();
            await().atMost(PATIENCE).until(() -> products.status(cancelled).equals("RELEASED"));
            assertThat(products.get(product).reserved()).isZero();
            assertThat(products.get(product).available()).isEqualTo(5);

            commands.send(new ReserveStock(next, List.of(new OrderLine(product, 5))));
            commands.flush();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(next)))
                    .singleElement().isInstanceOf(StockReserved.class));
            // The release answered nothing: compensations have no reply.
            assertThat(replies(replies, List.of(cancelled))).hasSize(1);
        }
        assertThat(products.get(product).reserved()).isEqualTo(5);
        products.assertBalanced(product);
    }

    @Test
    void aReleaseForAnUnknownOrderLeavesATombstoneThatRejectsItsLaterReservation() {
        long product = products.create(5, "1.00");
        long order = SagaCommands.newOrderId();

        try (var replies = repliesFromNow()) {
            commands.send(new ReleaseStock(order));
            commands.send(new ReserveStock(order, List.of(new OrderLine(product, 1))));
            commands.flush();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(order)))
                    .containsExactly(new StockReservationRejected(order, "order was cancelled")));
        }
        assertThat(products.status(order)).isEqualTo("RELEASED");
        assertThat(products.get(product).reserved()).isZero();
        products.assertBalanced(product);
    }

    @Test
    void aReleaseForAReservationThatWasRejectedReleasesNothing() {
        long product = products.create(5, "1.00");
        long held = SagaCommands.newOrderId();
        long rejected = SagaCommands.newOrderId();

        try (var replies = repliesFromNow()) {
            commands.send(new ReserveStock(held, List.of(new OrderLine(product, 4))));
            commands.flush();
            // The two orders' commands go to different partitions (keyed by order): the first must hold
            // its units before the second asks, or the second is the one reserved.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(held)))
                    .singleElement().isInstanceOf(StockReserved.class));
            commands.send(new ReserveStock(rejected, List.of(new OrderLine(product, 2))));
            EventEnvelope release = commands.send(new ReleaseStock(rejected));
            commands.flush();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(rejected)))
                    .singleElement().isInstanceOf(StockReservationRejected.class));
            await().atMost(PATIENCE).until(() -> products.processed(release.eventId()));
        }
        // The rejected order held nothing, so its release must not free the units another order holds.
        assertThat(products.status(rejected)).isEqualTo("REJECTED");
        assertThat(products.get(product).reserved()).isEqualTo(4);
        products.assertBalanced(product);
    }

    @Test
    void confirmingAReservationShipsItsUnits() {
        long product = products.create(5, "1.00");
        long order = SagaCommands.newOrderId();

        try (var replies = repliesFromNow()) {
            commands.send(new ReserveStock(order, List.of(new OrderLine(product, 2))));
            commands.send(new ConfirmStock(order));
            EventEnvelope tooLate = commands.send(new ReleaseStock(order)); // a completed order keeps its goods
            commands.flush();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(order)))
                    .singleElement().isInstanceOf(StockReserved.class));
            await().atMost(PATIENCE).until(() -> products.processed(tooLate.eventId()));
        }
        Product after = products.get(product);
        assertThat(products.status(order)).isEqualTo("CONFIRMED");
        assertThat(after.stock()).isEqualTo(3);
        assertThat(after.reserved()).isZero();
        assertThat(after.shipped()).isEqualTo(2);
        assertThat(after.received()).isEqualTo(5);
        products.assertBalanced(product);
    }

    @Test
    void aReservationNamingAnUnknownProductIsRejectedAndHoldsNothingOnItsOtherLines() {
        long known = products.create(5, "1.00");
        long unknown = Long.MAX_VALUE - 7;
        long order = SagaCommands.newOrderId();

        try (var replies = repliesFromNow()) {
            commands.send(new ReserveStock(order, List.of(new OrderLine(known, 2), new OrderLine(unknown, 1))));
            commands.flush();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(order))).singleElement()
                    .isInstanceOfSatisfying(StockReservationRejected.class,
                            rejected -> assertThat(rejected.reason()).contains("product " + unknown)));
        }
        assertThat(products.get(known).reserved()).isZero();
        assertThat(products.status(order)).isEqualTo("REJECTED");
    }

    @Test
    void aReservationOneLineCannotSatisfyHoldsNothingForTheOthers() {
        long plenty = products.create(50, "1.00");
        long scarce = products.create(1, "1.00");
        long order = SagaCommands.newOrderId();

        try (var replies = repliesFromNow()) {
            commands.send(new ReserveStock(order, List.of(new OrderLine(plenty, 10), new OrderLine(scarce, 2))));
            commands.flush();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies(replies, List.of(order))).singleElement()
                    .isInstanceOfSatisfying(StockReservationRejected.class,
                            rejected -> assertThat(rejected.reason()).contains("product " + scarce)));
        }
        assertThat(products.get(plenty).reserved()).isZero();
        assertThat(products.get(scarce).reserved()).isZero();
    }

    // --- helpers ---

    private TopicTail repliesFromNow() {
        return TopicTail.fromNow(bootstrapServers, Topic.ORDER_SAGA_REPLIES.topicName());
    }

    private static List<SagaReply> replies(TopicTail tail, List<Long> orders) {
        List<SagaReply> replies = new ArrayList<>();
        for (EventEnvelope envelope : tail.keyed(orders.stream().map(String::valueOf).toList())) {
            replies.add(SagaMessages.read(envelope, SagaReply.class));
        }
        return replies;
    }

    /** Replies to the order appended by the service but not yet published. */
    private long backlogOfRepliesTo(long order) {
        return jdbc.sql("select count(*) from outbox.event where topic = ? and aggregate_id = ? and failed_at is null")
                .params(Topic.ORDER_SAGA_REPLIES.topicName(), Long.toString(order)).query(Long.class).single();
    }
}
