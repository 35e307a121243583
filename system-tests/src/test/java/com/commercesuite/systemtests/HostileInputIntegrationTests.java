package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests through the gateway against every endpoint the domain services publish: numbers
 * beyond every range, text PostgreSQL cannot store, deeply nested and huge JSON, wrong content
 * types, overlong paths, query parameters and headers. Every answer is below 500, every refusal is
 * an RFC 9457 problem (application/problem+json), and the suite still completes an order afterwards.
 *
 * <p>The inputs are a fixed catalogue per kind, crossed with every field of every body, plus a
 * seeded random mix of them (the seed is printed, {@code -Dhostile.seed} repeats a run).
 */
class HostileInputIntegrationTests {

    private static final DomainServices services = DomainServices.get();
    private static Gateway gateway;
    private static Api api;
    private static long product;
    private static long coupon;
    private static long user;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> violations = new ArrayList<>();

    /** A JSON body with a {@code ${field}} placeholder for each field, and each field's valid raw JSON value. */
    record Endpoint(String path, long actingUser, boolean idempotent, String template, Map<String, String> fields) {

        String body(String field, String rawValue) {
            String body = template;
            for (var e : fields.entrySet()) {
                body = body.replace("${" + e.getKey() + "}", e.getKey().equals(field) ? rawValue : e.getValue());
            }
            return body;
        }

        String valid() {
            return body("", "");
        }
    }

    /** Raw JSON values no field accepts, or accepts only within its range. */
    static final List<String> HOSTILE_VALUES = List.of(
            "1e400", "-1e400", "1e-400", "99999999999999999999999999999", "-99999999999999999999999999999",
            "9223372036854775808", "-9223372036854775809", "2147483648", "-1", "0", "1.5", "0.001",
            "123456789012345678.99", "\"NaN\"", "\"Infinity\"", "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"",
            "\"\\ud800\"", "\"" + "x".repeat(100_000) + "\"", "[]", "[1,2]", "{}", "{\"a\":1}", "null", "true",
            "\"2026-13-45T99:99:99Z\"", "\"PERCENT\"", "\"" + "\u00e9\u4e2d\ud83d\ude00".repeat(100) + "\"");

    static final List<String> HOSTILE_BODIES = List.of(
            "", " ", "{", "}", "[]", "null", "\"text\"", "42", "{\"a\":}", "{,}", "{\"a\" 1}", "\u0000",
            "[".repeat(100_000), "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000),
            "{\"pad\":\"" + "y".repeat(3_000_000) + "\"}",
            "[" + "1,".repeat(500_000) + "1]");

    static final List<String> HOSTILE_IDS = List.of(
            "99999999999999999999", "-1", "0", "abc", "1.5", "%00", "1%2F2", "%F0%9F%98%80", "x".repeat(5_000),
            "1e3", "%25", "..%2F..%2Factuator", "%201");

    @BeforeAll
    static void start() {
        gateway = new Gateway(services).start();
        api = new Api(services, gateway);
        product = api.createProduct("hostile " + UUID.randomUUID(), "3.00", 100_000);
        coupon = api.createFixedCoupon("hostile " + UUID.randomUUID(), "1.00", 100_000);
        user = OrderSagaIntegrationTests.newUserId();
        api.charge(user, "100000.00");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    List<Endpoint> writes() {
        return List.of(
                new Endpoint("/api/products", 0, false, "{\"name\":${name},\"price\":${price},\"stock\":${stock}}",
                        Map.of("name", "\"lamp\"", "price", "12.50", "stock", "10")),
                new Endpoint("/api/products/" + product + "/restock", 0, false, "{\"quantity\":${quantity}}", Map.of("quantity", "1")),
                new Endpoint("/api/balances/" + user + "/charges", user, true, "{\"amount\":${amount}}", Map.of("amount", "1.00")),
                new Endpoint("/api/coupons", 0, false, "{\"name\":${name},\"quantity\":${quantity},\"discountType\":${discountType},"
                        + "\"discountValue\":${discountValue},\"validFrom\":${validFrom},\"validUntil\":${validUntil}}",
                        Map.of("name", "\"ten\"", "quantity", "10", "discountType", "\"FIXED\"", "discountValue", "1.00",
                                "validFrom", "\"2026-01-01T00:00:00Z\"", "validUntil", "\"2099-01-01T00:00:00Z\"")),
                new Endpoint("/api/coupons/" + coupon + "/issue", user, false, "{\"userId\":${userId}}", Map.of("userId", Long.toString(user))),
                new Endpoint("/api/orders", user, true,
                        "{\"userId\":${userId},\"items\":[{\"productId\":${productId},\"quantity\":${quantity}}],\"couponId\":${couponId}}",
                        Map.of("userId", Long.toString(user), "productId", Long.toString(product), "quantity", "1", "couponId", "null")));
    }

    @Test
    void everyFieldOfEveryBodyTakesHostileValuesWithoutA5xxOrAnAnswerThatIsNotAProblem() {
        for (Endpoint endpoint : writes()) {
            for (String field : endpoint.fields().keySet()) {
                for (String value : HOSTILE_VALUES) {
                    post(endpoint, endpoint.body(field, value), "application/json", field + "=" + abbreviated(value));
                }
            }
        }
        assertThat(violations).as("answers that were 5xx or refusals that were not problem+json").isEmpty();
    }

    @Test
    void malformedBodiesAndWrongContentTypesAreRefusedAsProblems() {
        for (Endpoint endpoint : writes()) {
            for (String body : HOSTILE_BODIES) {
                post(endpoint, body, "application/json", "body " + abbreviated(body));
            }
            String valid = endpoint.valid();
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nonsense",
                    "*/*", "application/problem+json", "garbage")) {
                post(endpoint, valid, type, "content type " + type);
            }
            post(endpoint, valid, null, "no content type");
        }
        assertThat(violations).as("answers that were 5xx or refusals that were not problem+json").isEmpty();
    }

    @Test
    void hostilePathsQueriesAndHeadersAreRefusedAsProblems() {
        for (String id : HOSTILE_IDS) {
            get("/api/products/" + id, 0);
            get("/api/coupons/" + id, 0);
            get("/api/orders/" + id, user);
            get("/api/balances/" + id, 0);
            get("/api/balances/" + id + "/entries", 0);
            get("/api/users/" + id + "/orders", 0);
            get("/api/users/" + id + "/coupons", 0);
            post(new Endpoint("/api/products/" + id + "/restock", 0, false, "", Map.of()), "{\"quantity\":1}",
                    "application/json", "restock of " + abbreviated(id));
            post(new Endpoint("/api/coupons/" + id + "/issue", user, false, "", Map.of()), "{\"userId\":" + user + "}",
                    "application/json", "issue of " + abbreviated(id));
        }
        for (String query : List.of("page=-1", "page=99999999999", "size=0", "size=100000000", "size=abc", "page=1.5",
                "page=%00", "size=" + "9".repeat(5_000))) {
            get("/api/products?" + query, 0);
        }
        for (String query : List.of("limit=-5", "limit=0", "limit=999999999999", "limit=abc", "limit=" + "9".repeat(5_000))) {
            get("/api/balances/" + user + "/entries?" + query, 0);
            get("/api/users/" + user + "/orders?" + query, user);
        }
        get("/" + "a/".repeat(3_000), 0);
        get("/api/products/" + product + "/" + "b".repeat(20_000), 0);
        Endpoint charge = writes().get(2);
        for (String key : List.of("", "x".repeat(10_000), "k\u00e9y", "a b")) {
            send(request(charge.path(), charge.actingUser()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key.isEmpty() ? " " : key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1.00}")), "Idempotency-Key " + abbreviated(key));
        }
        // Up to Netty's own limit (64 KB): above it, Netty refuses with a bare status line (docs/gateway.md).
        send(request("/api/products/" + product, 0).header("X-Padding", "p".repeat(40_000)).GET(), "a 40 KB header");
        send(HttpRequest.newBuilder(gateway.uri("/api/products/" + product)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + "e".repeat(20_000)).GET(), "a 20 KB token");
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            send(request("/api/products/" + product, 0).method(method, HttpRequest.BodyPublishers.ofString("{}")), method);
        }
        assertThat(violations).as("answers that were 5xx or refusals that were not problem+json").isEmpty();
    }

    @Test
    void aSeededMixOfHostileValuesLeavesTheSuiteServingOrders() {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        System.out.println("hostile-input seed " + seed + " (-Dhostile.seed=" + seed + " repeats this mix)");
        var random = new Random(seed);
        List<Endpoint> writes = writes();
        for (int i = 0; i < 300; i++) {
            Endpoint endpoint = writes.get(random.nextInt(writes.size()));
            var fields = new ArrayList<>(endpoint.fields().keySet());
            String body = endpoint.template();
            for (String field : fields) {
                String value = random.nextInt(3) == 0 ? HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())) : endpoint.fields().get(field);
                body = body.replace("${" + field + "}", value);
            }
            post(endpoint, body, "application/json", "mix #" + i + " " + abbreviated(body));
        }
        assertThat(violations).as("answers that were 5xx or refusals that were not problem+json (seed %d)", seed).isEmpty();

        var saga = new OrderSagaIntegrationTests();
        long order = saga.place(Api.order(user, product, 1, null));
        assertThat(saga.awaitFinished(order).path("status").asString()).as("an order after the sweep").isEqualTo("COMPLETED");
    }

    private void post(Endpoint endpoint, String body, String contentType, String what) {
        HttpRequest.Builder request = request(endpoint.path(), endpoint.actingUser());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (endpoint.idempotent()) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        send(request.POST(HttpRequest.BodyPublishers.ofString(body)), "POST " + endpoint.path() + " " + what);
    }

    private void get(String path, long actingUser) {
        send(request(path, actingUser).GET(), "GET " + abbreviated(path));
    }

    private HttpRequest.Builder request(String path, long actingUser) {
        return HttpRequest.newBuilder(URI.create(gateway.uri("").toString() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + (actingUser == 0 ? gateway.adminToken() : gateway.userToken(actingUser)));
    }

    private void send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            violations.add(what + " -> no answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException unsendable) {
            return; // the client refuses to send it (a character HTTP forbids): nothing reached the suite
        }
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500 || (status >= 400 && !type.startsWith("application/problem+json"))) {
            violations.add("%s -> %d %s %s".formatted(what, status, type, abbreviated(response.body())));
        }
    }

    private static String abbreviated(String text) {
        String flat = text.replace("\n", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 60) + "...(" + flat.length() + " chars)";
    }
}
