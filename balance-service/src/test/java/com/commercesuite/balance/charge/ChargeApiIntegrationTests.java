package com.commercesuite.balance.charge;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.balance.LedgerInvariant;
import com.commercesuite.balance.TestIds;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/** The HTTP API over real PostgreSQL, and the events it leaves on the real Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChargeApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void aUserWithNoHistoryHasABalanceOfZeroAndAnEmptyLedger() {
        long userId = TestIds.next();

        var balance = get("/api/balances/" + userId);
        var entries = get("/api/balances/" + userId + "/entries");

        assertThat(balance.getStatusCode().value()).isEqualTo(200);
        assertThat(JsonPath.<Number>read(balance.getBody(), "$.userId").longValue()).isEqualTo(userId);
        assertThat(balance.getBody()).contains("\"amount\":0.00");
        assertThat(JsonPath.<List<?>>read(entries.getBody(), "$.entries")).isEmpty();
    }

    @Test
    void aChargeRaisesTheBalanceAndIsListedInTheLedgerNewestFirst() {
        long userId = TestIds.next();

        var first = charge(userId, UUID.randomUUID().toString(), "{\"amount\": 100.50}");
        var second = charge(userId, UUID.randomUUID().toString(), "{\"amount\": 20}");

        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(amountOf(first)).isEqualByComparingTo("100.50");
        assertThat(amountOf(second)).isEqualByComparingTo("120.50");
        assertThat(amountOf(get("/api/balances/" + userId))).isEqualByComparingTo("120.50");
        String ledger = get("/api/balances/" + userId + "/entries?limit=10").getBody();
        assertThat(JsonPath.<List<Number>>read(ledger, "$.entries[*].entryId")).containsExactly(
                JsonPath.<Number>read(second.getBody(), "$.entryId"), JsonPath.<Number>read(first.getBody(), "$.entryId"));
        assertThat(JsonPath.<List<String>>read(ledger, "$.entries[*].kind")).containsExactly("CHARGE", "CHARGE");
        assertThat(ledger).contains("\"balanceAfter\":120.50", "\"balanceAfter\":100.50", "\"amount\":20.00");
        assertThat(JsonPath.<List<?>>read(get("/api/balances/" + userId + "/entries?limit=1").getBody(), "$.entries")).hasSize(1);
        LedgerInvariant.assertHoldsFor(jdbc, userId);
    }

    @Test
    void aRepeatedChargeWithTheSameKeyAppliesOnceAndAnswersTheSame() {
        long userId = TestIds.next();
        String key = UUID.randomUUID().toString();

        var first = charge(userId, key, "{\"amount\": 30.00}");
        charge(userId, UUID.randomUUID().toString(), "{\"amount\": 5.00}");
        var again = charge(userId, key, "{\"amount\": 30}");

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(amountOf(get("/api/balances/" + userId))).isEqualByComparingTo("35.00");
        assertThat(entriesWithKey(userId, key)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentChargesWithTheSameKeyRecordOneEntry() throws Exception {
        long userId = TestIds.next();
        String key = UUID.randomUUID().toString();
        List<ResponseEntity<String>> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Callable<ResponseEntity<String>>> requests = IntStream.range(0, 20)
                    .<Callable<ResponseEntity<String>>>mapToObj(i -> () -> charge(userId, key, "{\"amount\": 12.34}"))
                    .toList();
            answers = pool.invokeAll(requests).stream().map(ChargeApiIntegrationTests::result).toList();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(200));
        assertThat(answers.stream().map(ResponseEntity::getBody).distinct()).hasSize(1);
        assertThat(entriesWithKey(userId, key)).isEqualTo(1);
        assertThat(amountOf(get("/api/balances/" + userId))).isEqualByComparingTo("12.34");
        LedgerInvariant.assertHoldsFor(jdbc, userId);
    }

    @Test
    void theSameKeyWithAnotherAmountIsAConflictAndChangesNothing() {
        long userId = TestIds.next();
        String key = UUID.randomUUID().toString();
        charge(userId, key, "{\"amount\": 10.00}");

        var conflict = charge(userId, key, "{\"amount\": 10.01}");

        assertProblem(conflict, 409, "urn:commerce-suite:problem:idempotency-key-reused");
        assertThat(amountOf(get("/api/balances/" + userId))).isEqualByComparingTo("10.00");
        assertThat(entriesWithKey(userId, key)).isEqualTo(1);
    }

    @Test
    void aChargeWithoutAnIdempotencyKeyIsRefusedNamingTheHeader() {
        long userId = TestIds.next();

        var answer = http().post().uri("/api/balances/{id}/charges", userId).contentType(MediaType.APPLICATION_JSON)
                .body("{\"amount\": 10.00}").retrieve().toEntity(String.class);

        assertProblem(answer, 400, "urn:commerce-suite:problem:invalid-input");
        assertThat(JsonPath.<String>read(answer.getBody(), "$.field")).isEqualTo("Idempotency-Key");
        assertThat(get("/api/balances/" + userId).getBody()).contains("0.00");
    }

    @Test
    void aBlankOrTooLongIdempotencyKeyIsRefused() {
        long userId = TestIds.next();

        for (String key : List.of(" ", "k".repeat(101))) {
            var answer = charge(userId, key, "{\"amount\": 10.00}");
            assertProblem(answer, 400, "urn:commerce-suite:problem:invalid-idempotency-key");
            assertThat(JsonPath.<String>read(answer.getBody(), "$.field")).isEqualTo("Idempotency-Key");
        }
        assertThat(charge(userId, "k".repeat(100), "{\"amount\": 1.00}").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void amountsThatAreNotPositiveOrHaveMoreThanTwoDecimalsOrAreTooLargeAreRefusedNamingTheField() {
        long userId = TestIds.next();

        for (String body : List.of("{\"amount\": -5.00}", "{\"amount\": 0}", "{\"amount\": 1.005}",
                "{\"amount\": 1000000.01}", "{}")) {
            var answer = charge(userId, UUID.randomUUID().toString(), body);
            assertProblem(answer, 400, "urn:commerce-suite:problem:invalid-input");
            assertThat(JsonPath.<String>read(answer.getBody(), "$.field")).as(body).isEqualTo("amount");
        }
        assertThat(charge(userId, UUID.randomUUID().toString(), "{\"amount\": 1000000.00}").getStatusCode().value())
                .isEqualTo(200);
        assertThat(entryCount(userId)).isEqualTo(1);
    }

    @Test
    void malformedJsonAndAWrongTypeAreRefusedWithProblemDetails() {
        long userId = TestIds.next();

        var malformed = charge(userId, "k1", "{amount: 10");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        var wrongType = charge(userId, "k2", "{\"amount\": \"ten\"}");
        assertProblem(wrongType, 400, "urn:commerce-suite:problem:invalid-input");
        assertThat(JsonPath.<String>read(wrongType.getBody(), "$.field")).isEqualTo("amount");
        assertThat(entryCount(userId)).isZero();
    }

    @Test
    void aUserIdThatIsNotAPositiveNumberIsRefusedNamingIt() {
        for (String path : List.of("/api/balances/abc", "/api/balances/0", "/api/balances/-3/entries",
                "/api/balances/12x/entries")) {
            var answer = get(path);
            assertThat(answer.getStatusCode().value()).as(path).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(JsonPath.<String>read(answer.getBody(), "$.field")).as(path).isEqualTo("userId");
        }
        var charge = charge(-1, "k", "{\"amount\": 1.00}");
        assertProblem(charge, 400, "urn:commerce-suite:problem:invalid-user-id");
        assertProblem(get("/api/balances/" + TestIds.next() + "/entries?limit=0"), 400,
                "urn:commerce-suite:problem:invalid-limit");
    }

    @Test
    void aChargeIsPublishedOnBalanceActivityAndUserActivityKeyedByTheUser() {
        long userId = TestIds.next();
        String key = UUID.randomUUID().toString();
        try (var balanceActivity = TopicTail.fromNow(bootstrapServers, Topic.BALANCE_ACTIVITY);
             var userActivity = TopicTail.fromNow(bootstrapServers, Topic.USER_ACTIVITY)) {

            var receipt = charge(userId, key, "{\"amount\": 42.10}");
            charge(userId, key, "{\"amount\": 42.10}");

            EventEnvelope charged = balanceActivity.awaitKeyed("user:" + userId, 1).getFirst();
            assertThat(charged.eventType()).isEqualTo("BALANCE_CHARGED");
            assertThat(charged.aggregateType()).isEqualTo("balance");
            assertThat(charged.aggregateId()).isEqualTo(Long.toString(userId));
            assertThat(charged.payload().get("userId").asLong()).isEqualTo(userId);
            assertThat(charged.payload().get("amount").decimalValue()).isEqualByComparingTo("42.10");
            assertThat(charged.payload().get("balanceAfter").decimalValue()).isEqualByComparingTo("42.10");
            assertThat(charged.payload().get("idempotencyKey").asString()).isEqualTo(key);
            assertThat(charged.payload().get("entryId").asLong())
                    .isEqualTo(JsonPath.<Number>read(receipt.getBody(), "$.entryId").longValue());
            EventEnvelope activity = userActivity.awaitKeyed("user:" + userId, 1).getFirst();
            assertThat(activity.eventType()).isEqualTo("USER_CHARGED_BALANCE");
            assertThat(activity.payload().get("amount").decimalValue()).isEqualByComparingTo("42.10");
        }
        // The repeat appended nothing: the user's balance aggregate has exactly one event.
        assertThat(jdbc.sql("select last_sequence from outbox.aggregate_sequence where aggregate_type = 'balance' and aggregate_id = ?")
                .param(Long.toString(userId)).query(Long.class).single()).isEqualTo(1);
    }

    private static ResponseEntity<String> result(Future<ResponseEntity<String>> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ResponseEntity<String> charge(long userId, String key, String body) {
        return http().post().uri("/api/balances/{id}/charges", userId)
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(String.class);
    }

    private ResponseEntity<String> get(String path) {
        return http().get().uri(path).retrieve().toEntity(String.class);
    }

    private static BigDecimal amountOf(ResponseEntity<String> answer) {
        return new BigDecimal(JsonPath.<Object>read(answer.getBody(), "$.amount").toString());
    }

    private static void assertProblem(ResponseEntity<String> answer, int status, String type) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<String>read(answer.getBody(), "$.type")).isEqualTo(type);
        assertThat(JsonPath.<Integer>read(answer.getBody(), "$.status")).isEqualTo(status);
    }

    private long entriesWithKey(long userId, String key) {
        return jdbc.sql("select count(*) from balance_entries where user_id = ? and idempotency_key = ?")
                .params(userId, key).query(Long.class).single();
    }

    private long entryCount(long userId) {
        return jdbc.sql("select count(*) from balance_entries where user_id = ?").param(userId).query(Long.class).single();
    }

    private RestClient http() {
        // Errors are answers to assert, not exceptions.
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
