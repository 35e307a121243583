package com.commercesuite.order.placing;

import static com.commercesuite.order.OrderHttp.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.events.saga.OrderLimits;
import com.commercesuite.order.OrderHttp;
import com.commercesuite.order.OrderHttp.Answer;
import com.commercesuite.order.OutboxJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The placement API over real HTTP against the real database: what is accepted, what is refused
 * and how, and that a repeated placement never creates a second order. No participant answers
 * here; the saga itself is covered by the saga's tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderPlacementIntegrationTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    OrderHttp http;
    OutboxJournal outbox;

    @BeforeEach
    void setUp() {
        http = new OrderHttp(port);
        outbox = new OutboxJournal(jdbc);
    }

    @Test
    void aPlacedOrderIsAcceptedAsPendingWithItsStatusUrlAndItsFirstCommandAndActivityAppended() {
        long user = freshId();
        long productA = freshId();
        long productB = freshId();
        long coupon = freshId();

        Answer answer = http.placeOrder(key(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 2}, {"productId": %d, "quantity": 1}], "couponId": %d}
                """.formatted(user, productA, productB, coupon));

        assertThat(answer.status()).isEqualTo(202);
        long orderId = ((Number) answer.json("$.orderId")).longValue();
        assertThat(answer.<String>json("$.status")).isEqualTo("PENDING");
        assertThat(answer.<String>json("$.statusUrl")).isEqualTo("/api/orders/" + orderId);
        assertThat(answer.location()).contains("/api/orders/" + orderId);

        Answer order = http.get("/api/orders/" + orderId);
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.<Number>json("$.userId").longValue()).isEqualTo(user);
        assertThat(order.<String>json("$.status")).isEqualTo("PENDING");
        assertThat(order.<Number>json("$.couponId").longValue()).isEqualTo(coupon);
        assertThat(order.<List<Number>>json("$.items[*].productId")).extracting(Number::longValue)
                .containsExactly(productA, productB);
        assertThat(order.<List<Integer>>json("$.items[*].quantity")).containsExactly(2, 1);
        assertThat(order.<Object>json("$.subtotal")).isNull();
        assertThat(order.<Object>json("$.finalAmount")).isNull();
        assertThat(order.<String>json("$.createdAt")).isNotBlank();

        assertThat(outbox.eventTypesOfOrder(orderId)).containsExactly("RESERVE_STOCK");
        assertThat(outbox.entries("order", Long.toString(orderId)).getFirst())
                .isEqualTo(new OutboxJournal.Entry("product-commands", Long.toString(orderId), "RESERVE_STOCK"));
        assertThat(outbox.entries("user", Long.toString(user)))
                .containsExactly(new OutboxJournal.Entry("user-activity", "user:" + user, "ORDER_PLACED"));
    }

    @Test
    void theSameKeyForTheSameUserAnswersTheSameOrderAndCreatesNothingNew() {
        long user = freshId();
        String key = key();
        String body = """
                {"userId": %d, "items": [{"productId": %d, "quantity": 3}]}""".formatted(user, freshId());

        Answer first = http.placeOrder(key, body);
        Answer again = http.placeOrder(key, body);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.<Number>json("$.orderId")).isEqualTo(first.json("$.orderId"));
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(ordersOf(user)).isEqualTo(1);
        assertThat(outbox.eventTypesOfOrder(first.<Number>json("$.orderId").longValue())).containsExactly("RESERVE_STOCK");
        assertThat(outbox.entries("user", Long.toString(user))).hasSize(1);
    }

    @Test
    void theSameKeyUsedByAnotherUserPlacesThatUsersOwnOrder() {
        String key = key();
        long product = freshId();
        Answer mine = http.placeOrder(key, """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(freshId(), product));
        Answer theirs = http.placeOrder(key, """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(freshId(), product));

        assertThat(theirs.status()).isEqualTo(202);
        assertThat(theirs.<Number>json("$.orderId")).isNotEqualTo(mine.json("$.orderId"));
    }

    @Test
    void tenConcurrentPlacementsWithTheSameKeyCreateOneOrder() throws Exception {
        long user = freshId();
        String key = key();
        String body = """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}], "couponId": %d}""".formatted(user, freshId(), freshId());
        var start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.placeOrder(key, body);
                }));
            }
            start.countDown();
        }

        List<Object> orderIds = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            assertThat(answer.get().status()).isEqualTo(202);
            orderIds.add(answer.get().json("$.orderId"));
        }
        assertThat(orderIds).hasSize(10).containsOnly(orderIds.getFirst());
        assertThat(ordersOf(user)).isEqualTo(1);
        assertThat(outbox.eventTypesOfOrder(((Number) orderIds.getFirst()).longValue())).containsExactly("RESERVE_STOCK");
        assertThat(outbox.entries("user", Long.toString(user))).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        long user = freshId();
        long product = freshId();
        String key = key();
        http.placeOrder(key, """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(user, product));

        Answer conflict = http.placeOrder(key, """
                {"userId": %d, "items": [{"productId": %d, "quantity": 2}]}""".formatted(user, product));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith(PROBLEM_JSON);
        assertThat(conflict.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:idempotency-key-reused");
        assertThat(ordersOf(user)).isEqualTo(1);
    }

    @Test
    void aPlacementWithoutAnIdempotencyKeyIsRefusedNamingTheHeader() {
        long user = freshId();
        Answer answer = http.placeOrder(null, """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(user, freshId()));

        assertBadInput(answer, "Idempotency-Key");
        assertThat(ordersOf(user)).isZero();
    }

    @Test
    void anIdempotencyKeyLongerThanAHundredCharactersIsRefused() {
        Answer answer = http.placeOrder("k".repeat(101), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(freshId(), freshId()));

        assertBadInput(answer, "Idempotency-Key");
    }

    @Test
    void anOrderWithoutItemsIsRefusedNamingTheItems() {
        Answer answer = http.placeOrder(key(), """
                {"userId": %d, "items": []}""".formatted(freshId()));

        assertBadInput(answer, "items");
    }

    @Test
    void aLineWithQuantityZeroIsRefusedNamingTheLine() {
        Answer answer = http.placeOrder(key(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 0}]}""".formatted(freshId(), freshId()));

        assertBadInput(answer, "items[0].quantity");
    }

    /** Beyond OrderLimits an order could overflow an amount once priced: refused before anything is written. */
    @Test
    void moreUnitsOrLinesThanAnOrderCanHoldAreRefusedAtPlacement() {
        Answer tooManyUnits = http.placeOrder(key(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": %d}]}""".formatted(freshId(), freshId(),
                OrderLimits.MAX_QUANTITY + 1));
        String lines = IntStream.rangeClosed(1, OrderLimits.MAX_LINES + 1)
                .mapToObj(i -> "{\"productId\": %d, \"quantity\": 1}".formatted(freshId()))
                .collect(Collectors.joining(", "));
        Answer tooManyLines = http.placeOrder(key(), """
                {"userId": %d, "items": [%s]}""".formatted(freshId(), lines));

        assertBadInput(tooManyUnits, "items[0].quantity");
        assertBadInput(tooManyLines, "items");
    }

    @Test
    void aNonPositiveUserIdIsRefused() {
        Answer answer = http.placeOrder(key(), """
                {"userId": 0, "items": [{"productId": %d, "quantity": 1}]}""".formatted(freshId()));

        assertBadInput(answer, "userId");
    }

    @Test
    void theSameProductOnTwoLinesIsRefused() {
        long user = freshId();
        long product = freshId();
        Answer answer = http.placeOrder(key(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}, {"productId": %d, "quantity": 2}]}"""
                .formatted(user, product, product));

        assertBadInput(answer, "items");
        assertThat(answer.<String>json("$.detail")).contains("product " + product);
        assertThat(ordersOf(user)).isZero();
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        Answer answer = http.placeOrder(key(), "{\"userId\": 1, \"items\": [");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        Answer answer = http.get("/api/orders/" + freshId());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:order-not-found");
    }

    @Test
    void aUsersOrdersAreListedNewestFirst() {
        long user = freshId();
        long first = http.placeOrder(key(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(user, freshId()))
                .<Number>json("$.orderId").longValue();
        long second = http.placeOrder(key(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}""".formatted(user, freshId()))
                .<Number>json("$.orderId").longValue();

        Answer answer = http.get("/api/users/" + user + "/orders?limit=50");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<List<Number>>json("$[*].orderId")).extracting(Number::longValue).containsExactly(second, first);
        assertThat(http.get("/api/users/" + user + "/orders?limit=1").<List<Number>>json("$[*].orderId"))
                .extracting(Number::longValue).containsExactly(second);
        assertBadInput(http.get("/api/users/" + user + "/orders?limit=0"), "limit");
    }

    private void assertBadInput(Answer answer, String field) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        assertThat(answer.<String>json("$.field")).isEqualTo(field);
    }

    private long ordersOf(long user) {
        return jdbc.sql("select count(*) from orders where user_id = ?").param(user).query(Long.class).single();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
