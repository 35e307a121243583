package com.commercesuite.systemtests;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The domain services' HTTP APIs as a client uses them: JSON in, status and JSON out; straight to
 * each service, or through the gateway with the bearer token of the user each call acts for.
 */
final class Api {

    record Answer(int status, JsonNode body) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    // HTTP/1.1 as the services and the gateway speak it: no h2c upgrade attempt on each new connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DomainServices services;
    private final Gateway gateway;

    Api(DomainServices services) {
        this(services, null);
    }

    /** @param gateway the edge every write goes through, or null to call the services directly */
    Api(DomainServices services, Gateway gateway) {
        this.services = services;
        this.gateway = gateway;
    }

    boolean throughGateway() {
        return gateway != null;
    }

    /** The service's own URI, or the gateway's, with the token of {@code userId} (0: an admin). */
    private HttpRequest.Builder write(ServiceProcess service, String path, Object body, long userId) {
        if (gateway == null) {
            return post(service.uri(path), body);
        }
        return post(gateway.uri(path), body).header("Authorization",
                "Bearer " + (userId == 0 ? gateway.adminToken() : gateway.userToken(userId)));
    }

    long createProduct(String name, String price, int stock) {
        return created(write(services.products, "/api/products", Map.of("name", name, "price", new BigDecimal(price), "stock", stock), 0))
                .path("id").asLong();
    }

    JsonNode product(long id) {
        return ok(get(services.products.uri("/api/products/" + id)));
    }

    void charge(long userId, String amount) {
        Answer answer = send(write(services.balances, "/api/balances/" + userId + "/charges", Map.of("amount", new BigDecimal(amount)), userId)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        expect(answer, 200);
    }

    BigDecimal balance(long userId) {
        return ok(get(services.balances.uri("/api/balances/" + userId))).path("amount").decimalValue();
    }

    long createFixedCoupon(String name, String discount, int quantity) {
        return created(write(services.coupons, "/api/coupons", Map.of(
                "name", name, "quantity", quantity, "discountType", "FIXED", "discountValue", new BigDecimal(discount),
                "validFrom", "2020-01-01T00:00:00Z", "validUntil", "2100-01-01T00:00:00Z"), 0))
                .path("id").asLong();
    }

    Answer issueCoupon(long couponId, long userId) {
        return send(write(services.coupons, "/api/coupons/" + couponId + "/issue", Map.of("userId", userId), userId));
    }

    JsonNode userCoupons(long userId) {
        return ok(get(services.coupons.uri("/api/users/" + userId + "/coupons")));
    }

    /** An order's body: one line, and the coupon when there is one. */
    static Map<String, Object> order(long userId, long productId, int quantity, Long couponId) {
        var line = Map.of("productId", productId, "quantity", quantity);
        return couponId == null
                ? Map.of("userId", userId, "items", List.of(line))
                : Map.of("userId", userId, "items", List.of(line), "couponId", couponId);
    }

    Answer placeOrder(String idempotencyKey, Map<String, Object> order) {
        return send(write(services.orders, "/api/orders", order, ((Number) order.get("userId")).longValue())
                .header("Idempotency-Key", idempotencyKey));
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
