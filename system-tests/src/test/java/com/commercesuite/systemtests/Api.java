package com.commercesuite.systemtests;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The domain services' HTTP APIs as a client uses them: JSON in, status and JSON out. */
final class Api {

    record Answer(int status, JsonNode body) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DomainServices services;

    Api(DomainServices services) {
        this.services = services;
    }

    long createProduct(String name, String price, int stock) {
        return created(post(services.products.uri("/api/products"), Map.of("name", name, "price", new BigDecimal(price), "stock", stock)))
                .path("id").asLong();
    }

    JsonNode product(long id) {
        return ok(get(services.products.uri("/api/products/" + id)));
    }

    void charge(long userId, String amount) {
        Answer answer = send(post(services.balances.uri("/api/balances/" + userId + "/charges"), Map.of("amount", new BigDecimal(amount)))
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        expect(answer, 200);
    }

    BigDecimal balance(long userId) {
        return ok(get(services.balances.uri("/api/balances/" + userId))).path("amount").decimalValue();
    }

    long createFixedCoupon(String name, String discount, int quantity) {
        return created(post(services.coupons.uri("/api/coupons"), Map.of(
                "name", name, "quantity", quantity, "discountType", "FIXED", "discountValue", new BigDecimal(discount),
                "validFrom", "2020-01-01T00:00:00Z", "validUntil", "2100-01-01T00:00:00Z")))
                .path("id").asLong();
    }

    Answer issueCoupon(long couponId, long userId) {
        return send(post(services.coupons.uri("/api/coupons/" + couponId + "/issue"), Map.of("userId", userId)));
    }

    JsonNode userCoupons(long userId) {
        return ok(get(services.coupons.uri("/api/users/" + userId + "/coupons")));
    }

    Answer placeOrder(String idempotencyKey, Map<String, Object> order) {
        return send(post(services.orders.uri("/api/orders"), order).header("Idempotency-Key", idempotencyKey));
    }

    JsonNode order(long orderId) {
        return ok(get(services.orders.uri("/api/orders/" + orderId)));
    }

    private static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    }

    private static HttpRequest.Builder post(URI uri, Object body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode ok(HttpRequest.Builder request) {
        return expect(send(request), 200);
    }

    private JsonNode created(HttpRequest.Builder request) {
        return expect(send(request), 201);
    }

    private static JsonNode expect(Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + " but got " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

}
