package com.commercesuite.order.saga;

import static com.commercesuite.order.OrderHttp.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.saga.ConfirmStock;
import com.commercesuite.events.saga.CouponUsed;
import com.commercesuite.events.saga.OrderPaid;
import com.commercesuite.events.saga.PayOrder;
import com.commercesuite.events.saga.PricedLine;
import com.commercesuite.events.saga.RefundOrder;
import com.commercesuite.events.saga.ReleaseStock;
import com.commercesuite.events.saga.RestoreCoupon;
import com.commercesuite.events.saga.StockReservationRejected;
import com.commercesuite.events.saga.StockReserved;
import com.commercesuite.events.saga.UseCoupon;
import com.commercesuite.order.OrderHttp;
import com.commercesuite.order.OrderHttp.Answer;
import com.commercesuite.order.OutboxJournal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The saga end to end over the real Kafka and PostgreSQL, with the three participants simulated
 * by the test ({@link SimulatedParticipants}). Outcomes are read from the HTTP API, the exact
 * messages each order committed from its outbox, and their delivery from the Kafka topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderSagaIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static SimulatedParticipants participants;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SagaProperties properties;

    OrderHttp http;
    OutboxJournal outbox;

    @BeforeAll
    static void startParticipants(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        participants = SimulatedParticipants.shared(bootstrapServers);
    }

    @BeforeEach
    void setUp() {
        http = new OrderHttp(port);
        outbox = new OutboxJournal(jdbc);
    }

    @Test
    void anOrderWithACouponCompletesPaidForItsFinalAmountAndIsPublishedForTheDataPlatform() {
        long user = freshId();
        long productA = freshId();
        long productB = freshId();
        long coupon = freshId();
        participants.inStock(productA, "12.50");
        participants.inStock(productB, "3.00");
        participants.coupon(coupon, "5.00");
        participants.pays(user);

        long orderId = place(user, coupon, Map.of(productA, 2, productB, 1));

        awaitStatus(orderId, "COMPLETED");
        Answer order = http.get("/api/orders/" + orderId);
        assertThat(amount(order, "$.subtotal")).isEqualByComparingTo("28.00");
        assertThat(amount(order, "$.discount")).isEqualByComparingTo("5.00");
        assertThat(amount(order, "$.finalAmount")).isEqualByComparingTo("23.00");
        assertThat(order.<String>json("$.completedAt")).isNotBlank();
        assertThat(order.<Object>json("$.cancellationReason")).isNull();
        assertThat(order.<List<Number>>json("$.items[*].unitPrice")).extracting(n -> new BigDecimal(n.toString()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyInAnyOrder(new BigDecimal("12.50"), new BigDecimal("3.00"));

        assertThat(outbox.eventTypesOfOrder(orderId))
                .containsExactly("RESERVE_STOCK", "USE_COUPON", "PAY_ORDER", "CONFIRM_STOCK", "ORDER_COMPLETED");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(participants.commandsFor(orderId, ConfirmStock.class)).hasSize(1));
        assertThat(participants.commandsFor(orderId, UseCoupon.class).getFirst().orderAmount())
                .isEqualByComparingTo("28.00");
        PayOrder payment = participants.commandsFor(orderId, PayOrder.class).getFirst();
        assertThat(payment.amount()).isEqualByComparingTo("23.00");
        assertThat(payment.userId()).isEqualTo(user);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(participants.completionsFor(orderId)).hasSize(1));
        EventEnvelope completed = participants.completionsFor(orderId).getFirst();
        assertThat(completed.eventType()).isEqualTo("ORDER_COMPLETED");
        var published = completed.payloadAs(PublishedOrderCompleted.class);
        assertThat(published.orderId()).isEqualTo(orderId);
        assertThat(published.userId()).isEqualTo(user);
        assertThat(published.discount()).isEqualByComparingTo("5.00");
        assertThat(published.finalAmount()).isEqualByComparingTo("23.00");
        assertThat(published.completedAt()).isNotNull();
        assertThat(published.items()).extracting(PublishedOrderCompleted.Item::productId, PublishedOrderCompleted.Item::quantity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(productA, 2),
                        org.assertj.core.groups.Tuple.tuple(productB, 1));
        assertThat(published.items()).allSatisfy(item -> assertThat(item.unitPrice()).isNotNull());
    }

    @Test
    void anOrderTheCouponPaysEntirelyCompletesWithoutAPayment() {
        long user = freshId();
        long product = freshId();
        long coupon = freshId();
        participants.inStock(product, "4.00");
        participants.coupon(coupon, "50.00");

        long orderId = place(user, coupon, Map.of(product, 2));

        awaitStatus(orderId, "COMPLETED");
        assertThat(amount(http.get("/api/orders/" + orderId), "$.finalAmount")).isEqualByComparingTo("0.00");
        assertThat(outbox.eventTypesOfOrder(orderId))
                .containsExactly("RESERVE_STOCK", "USE_COUPON", "CONFIRM_STOCK", "ORDER_COMPLETED");
    }

    @Test
    void anOrderForAProductOutOfStockIsCancelledWithNothingToCompensate() {
        long user = freshId();
        long available = freshId();
        long missing = freshId();
        participants.inStock(available, "1.00");
        participants.outOfStock(missing);
        participants.pays(user);

        long orderId = place(user, null, Map.of(available, 1, missing, 1));

        awaitCancelled(orderId, "out of stock: product " + missing);
        assertThat(outbox.eventTypesOfOrder(orderId)).containsExactly("RESERVE_STOCK");
    }

    @Test
    void anOrderWhoseTotalOverflowsAnAmountIsCancelledAndItsStockReleasedNotDeadLettered() {
        long user = freshId();
        long product = freshId();
        // Above what product-service accepts (OrderLimits): a participant's reply is checked all the same.
        participants.inStock(product, "99999999999999999.99");
        participants.pays(user);

        long orderId = place(user, null, Map.of(product, 2));

        awaitCancelled(orderId, "order total 199999999999999999.98 exceeds the largest amount an order can hold, "
                + "99999999999999999.99");
        assertThat(outbox.eventTypesOfOrder(orderId)).containsExactly("RESERVE_STOCK", "RELEASE_STOCK");
    }

    @Test
    void anOrderWhoseCouponIsRefusedIsCancelledAndItsStockReleased() {
        long user = freshId();
        long product = freshId();
        long coupon = freshId();
        participants.inStock(product, "10.00");
        participants.couponRefused(coupon, "coupon already used");
        participants.pays(user);

        long orderId = place(user, coupon, Map.of(product, 1));

        awaitCancelled(orderId, "coupon already used");
        assertThat(outbox.eventTypesOfOrder(orderId)).containsExactly("RESERVE_STOCK", "USE_COUPON", "RELEASE_STOCK");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(participants.commandsFor(orderId, ReleaseStock.class)).hasSize(1));
    }

    @Test
    void anOrderWhosePaymentIsRefusedIsCancelledAndItsCouponAndStockGivenBack() {
        long user = freshId();
        long product = freshId();
        long coupon = freshId();
        participants.inStock(product, "10.00");
        participants.coupon(coupon, "1.00");
        participants.paymentRefused(user, "insufficient balance");

        long orderId = place(user, coupon, Map.of(product, 3));

        awaitCancelled(orderId, "insufficient balance");
        assertThat(outbox.eventTypesOfOrder(orderId))
                .containsExactly("RESERVE_STOCK", "USE_COUPON", "PAY_ORDER", "RESTORE_COUPON", "RELEASE_STOCK");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(participants.commandsFor(orderId, RestoreCoupon.class)).containsExactly(new RestoreCoupon(orderId, user, coupon));
            assertThat(participants.commandsFor(orderId, ReleaseStock.class)).hasSize(1);
        });
        assertThat(participants.commandsFor(orderId, RefundOrder.class)).isEmpty();
        assertThat(participants.completionsFor(orderId)).isEmpty();
    }

    @Test
    void anOrderWaitsForAParticipantThatIsDownAndCompletesWhenItIsBack() {
        long user = freshId();
        long product = freshId();
        participants.inStock(product, "7.25");
        participants.paymentsDown(user);

        long orderId = place(user, null, Map.of(product, 2));

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(participants.commandsFor(orderId, PayOrder.class)).hasSize(1));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> http.status(orderId).equals("PENDING"));
        participants.resumePayments(user);

        awaitStatus(orderId, "COMPLETED");
        assertThat(amount(http.get("/api/orders/" + orderId), "$.finalAmount")).isEqualByComparingTo("14.50");
        assertThat(outbox.eventTypesOfOrder(orderId))
                .containsExactly("RESERVE_STOCK", "PAY_ORDER", "CONFIRM_STOCK", "ORDER_COMPLETED");
    }

    @Test
    void ordersPastTheirDeadlineAreCancelledAndEverySentStepCompensatedTheUnansweredOneIncluded() {
        long silentProduct = freshId(); // product-service never answers for it
        long stockUser = freshId();
        long paymentUser = freshId();
        long product = freshId();
        long coupon = freshId();
        participants.inStock(product, "2.00");
        participants.coupon(coupon, "1.00");
        participants.paymentsDown(paymentUser);

        String placement = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        long waitingForStock = place(stockUser, null, Map.of(silentProduct, 1),
                Map.of("traceparent", placement, "X-Request-Id", "timeout-trace-1"));
        long waitingForPayment = place(paymentUser, coupon, Map.of(product, 1));

        Duration deadlinePassed = properties.timeout().plus(PATIENCE);
        await().atMost(deadlinePassed).untilAsserted(() -> {
            assertThat(http.status(waitingForStock)).isEqualTo("CANCELLED");
            assertThat(http.status(waitingForPayment)).isEqualTo("CANCELLED");
        });
        assertThat(http.get("/api/orders/" + waitingForStock).<String>json("$.cancellationReason"))
                .isEqualTo("timed out waiting for stock reservation");
        assertThat(http.get("/api/orders/" + waitingForPayment).<String>json("$.cancellationReason"))
                .isEqualTo("timed out waiting for payment");
        assertThat(outbox.eventTypesOfOrder(waitingForStock)).containsExactly("RESERVE_STOCK", "RELEASE_STOCK");
        // The sweeper compensates in a new span of the trace the order was placed under.
        assertThat(outbox.traceContextsOfOrder(waitingForStock)).allSatisfy(event -> {
            assertThat(event.traceparent()).as(event.eventType()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                    .isNotEqualTo(placement);
            assertThat(event.requestId()).as(event.eventType()).isEqualTo("timeout-trace-1");
        });
        assertThat(outbox.traceContextsOfOrder(waitingForStock)).extracting(OutboxJournal.Traced::traceparent)
                .doesNotHaveDuplicates();
        assertThat(outbox.eventTypesOfOrder(waitingForPayment)).containsExactly(
                "RESERVE_STOCK", "USE_COUPON", "PAY_ORDER", "REFUND_ORDER", "RESTORE_COUPON", "RELEASE_STOCK");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(participants.commandsFor(waitingForStock, ReleaseStock.class)).hasSize(1);
            assertThat(participants.commandsFor(waitingForPayment, RefundOrder.class)).hasSize(1);
        });

        // The balance service comes back and pays late: the order stays cancelled, its refund already sent.
        participants.resumePayments(paymentUser);
        EventEnvelope latePayment = await().atMost(PATIENCE)
                .until(() -> participants.replyFor(waitingForPayment, OrderPaid.class), java.util.Optional::isPresent)
                .orElseThrow();
        awaitHandled(latePayment);
        assertThat(http.status(waitingForPayment)).isEqualTo("CANCELLED");
        assertThat(outbox.eventTypesOfOrder(waitingForPayment)).hasSize(6);
    }

    @Test
    void whileNothingReachesKafkaNoStepTimesOutAndItsClockRunsAgainOnceDeliveriesResume() {
        long silentProduct = freshId(); // product-service never answers for it
        long waiting = place(freshId(), null, Map.of(silentProduct, 1));
        await().atMost(PATIENCE).until(() -> stepClockStarted(waiting));

        // Another holder takes the relay's lease: order-service's outbox delivers nothing, as when the
        // brokers take no writes, and the next order's command waits in it.
        jdbc.sql("""
                        update outbox.relay_lease set holder = 'saga-test', holder_pid = pg_backend_pid(), epoch = epoch + 1,
                            acquired_at = clock_timestamp(), expires_at = clock_timestamp() + interval '10 minutes'""")
                .update();
        try {
            long product = freshId();
            participants.inStock(product, "4.00");
            long queued = place(freshId(), null, Map.of(product, 1));
            await("a step clock held past its deadline").during(properties.timeout().plus(properties.deliveryStall()))
                    .atMost(PATIENCE).until(() -> statuses(List.of(waiting, queued)), s -> s.equals(List.of("PENDING", "PENDING")));
        } finally {
            jdbc.sql("update outbox.relay_lease set expires_at = clock_timestamp() where holder = 'saga-test'").update();
        }
        // Delivered again: the held clock runs a full timeout, then the silent step times out as before.
        awaitCancelled(waiting, "timed out waiting for stock reservation");
    }

    private boolean stepClockStarted(long orderId) {
        return jdbc.sql("select step_deadline is not null from orders where id = ?").param(orderId).query(Boolean.class).single();
    }

    @Test
    void repeatedAndStaleRepliesChangeNothing() {
        long user = freshId();
        long product = freshId();
        long coupon = freshId();
        participants.inStock(product, "9.00");
        participants.coupon(coupon, "2.00");
        participants.paymentsDown(user);
        long orderId = place(user, coupon, Map.of(product, 1));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(participants.commandsFor(orderId, PayOrder.class)).hasSize(1));

        // While the order waits for its payment: the earlier replies again, as redeliveries and as new events.
        EventEnvelope reserved = participants.replyFor(orderId, StockReserved.class).orElseThrow();
        EventEnvelope couponUsed = participants.replyFor(orderId, CouponUsed.class).orElseThrow();
        participants.send(reserved);
        participants.send(couponUsed);
        participants.reply(new StockReserved(orderId, List.of(new PricedLine(product, 1, new BigDecimal("1.00")))));
        EventEnvelope lastWhilePending = participants.reply(new CouponUsed(orderId, coupon, new BigDecimal("9.00")));
        awaitHandled(lastWhilePending);
        assertThat(http.status(orderId)).isEqualTo("PENDING");
        assertThat(outbox.eventTypesOfOrder(orderId)).containsExactly("RESERVE_STOCK", "USE_COUPON", "PAY_ORDER");

        participants.resumePayments(user);
        awaitStatus(orderId, "COMPLETED");
        EventEnvelope paid = participants.replyFor(orderId, OrderPaid.class).orElseThrow();

        // After completion: the payment again, twice, and a rejection that would cancel a pending order.
        participants.send(paid);
        participants.reply(new OrderPaid(orderId, new BigDecimal("7.00")));
        EventEnvelope lastAfterCompletion = participants.reply(new StockReservationRejected(orderId, "out of stock"));
        awaitHandled(lastAfterCompletion);

        Answer order = http.get("/api/orders/" + orderId);
        assertThat(order.<String>json("$.status")).isEqualTo("COMPLETED");
        assertThat(amount(order, "$.subtotal")).isEqualByComparingTo("9.00");
        assertThat(amount(order, "$.discount")).isEqualByComparingTo("2.00");
        assertThat(amount(order, "$.finalAmount")).isEqualByComparingTo("7.00");
        assertThat(outbox.eventTypesOfOrder(orderId))
                .containsExactly("RESERVE_STOCK", "USE_COUPON", "PAY_ORDER", "CONFIRM_STOCK", "ORDER_COMPLETED");
        assertThat(jdbc.sql("select count(*) from inbox.processed_event where consumer = 'order-saga' and event_id = ?")
                .param(paid.eventId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPaymentOfAnotherAmountAndAReplyForAnUnknownOrderChangeNothing() {
        long user = freshId();
        long product = freshId();
        participants.inStock(product, "5.00");
        participants.paymentsDown(user);
        long orderId = place(user, null, Map.of(product, 2));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(participants.commandsFor(orderId, PayOrder.class)).hasSize(1));

        EventEnvelope forged = participants.reply(new OrderPaid(orderId, new BigDecimal("0.01")));
        EventEnvelope unknown = participants.reply(new OrderPaid(freshId(), new BigDecimal("10.00")));
        // Handled in a committed transaction (the inbox has them), so neither was retried nor dead-lettered.
        awaitHandled(forged);
        awaitHandled(unknown);
        assertThat(http.status(orderId)).isEqualTo("PENDING");
        assertThat(outbox.eventTypesOfOrder(orderId)).containsExactly("RESERVE_STOCK", "PAY_ORDER");

        participants.resumePayments(user);
        awaitStatus(orderId, "COMPLETED");
        assertThat(amount(http.get("/api/orders/" + orderId), "$.finalAmount")).isEqualByComparingTo("10.00");
    }

    @Test
    void fiftyConcurrentOrdersAllFinishEachAsItsParticipantsDecided() throws Exception {
        long product = freshId();
        long soldOut = freshId();
        participants.inStock(product, "1.50");
        participants.outOfStock(soldOut);
        record Placed(long orderId, String expected) {
        }
        List<Future<Placed>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    long user = freshId();
                    long coupon = freshId();
                    switch (n % 5) {
                        case 0 -> participants.couponRefused(coupon, "coupon expired");
                        case 1 -> participants.paymentRefused(user, "insufficient balance");
                        default -> participants.coupon(coupon, "0.50");
                    }
                    if (n % 5 != 1) {
                        participants.pays(user);
                    }
                    boolean outOfStock = n % 10 == 9;
                    long orderId = place(user, coupon, Map.of(outOfStock ? soldOut : product, 1 + n % 3));
                    String expected = outOfStock || n % 5 == 0 || n % 5 == 1 ? "CANCELLED" : "COMPLETED";
                    return new Placed(orderId, expected);
                }));
            }
        }
        List<Placed> placed = new ArrayList<>();
        for (Future<Placed> future : futures) {
            placed.add(future.get());
        }

        await().atMost(PATIENCE.multipliedBy(2)).untilAsserted(() -> {
            List<String> statuses = statuses(placed.stream().map(Placed::orderId).toList());
            assertThat(statuses).doesNotContain("PENDING");
        });
        for (Placed order : placed) {
            assertThat(http.status(order.orderId())).as("order %d", order.orderId()).isEqualTo(order.expected());
        }
    }

    private long place(long user, Long coupon, Map<Long, Integer> items) {
        return place(user, coupon, items, Map.of());
    }

    private long place(long user, Long coupon, Map<Long, Integer> items, Map<String, String> headers) {
        var lines = new StringBuilder();
        items.forEach((product, quantity) -> lines.append(lines.isEmpty() ? "" : ", ")
                .append("{\"productId\": %d, \"quantity\": %d}".formatted(product, quantity)));
        Answer answer = http.placeOrder(UUID.randomUUID().toString(), """
                {"userId": %d, "items": [%s]%s}""".formatted(user, lines,
                coupon == null ? "" : ", \"couponId\": " + coupon), headers);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.<Number>json("$.orderId").longValue();
    }

    private void awaitStatus(long orderId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.status(orderId)).isEqualTo(status));
    }

    private void awaitCancelled(long orderId, String reason) {
        awaitStatus(orderId, "CANCELLED");
        assertThat(http.get("/api/orders/" + orderId).<String>json("$.cancellationReason")).isEqualTo(reason);
    }

    /** Replies of one order share a partition: once the last one sent is recorded, all before it were handled. */
    private void awaitHandled(EventEnvelope reply) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql(
                        "select count(*) from inbox.processed_event where consumer = 'order-saga' and event_id = ?")
                .param(reply.eventId()).query(Long.class).single()).isEqualTo(1));
    }

    private List<String> statuses(List<Long> orderIds) {
        return jdbc.sql("select status from orders where id = any(?)")
                .param(orderIds.toArray(Long[]::new))
                .query(String.class)
                .list();
    }

    private static BigDecimal amount(Answer answer, String path) {
        return new BigDecimal(answer.<Object>json(path).toString());
    }

    /** The data platform's reading of ORDER_COMPLETED (its own record, not order-service's). */
    record PublishedOrderCompleted(Long orderId, Long userId, List<Item> items, BigDecimal discount,
                                   BigDecimal finalAmount, Instant completedAt) {

        record Item(Long productId, Integer quantity, BigDecimal unitPrice) {
        }
    }
}
