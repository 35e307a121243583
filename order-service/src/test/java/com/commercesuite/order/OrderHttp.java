package com.commercesuite.order;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The service's HTTP API as a client sees it: status, headers and body, whatever the status. */
public final class OrderHttp {

    /** Ids no other run uses: a random base far above anything else the tests create. */
    private static final AtomicLong IDS = new AtomicLong(
            1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public OrderHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static long freshId() {
        return IDS.incrementAndGet();
    }

    public record Answer(int status, String contentType, Optional<String> location, String body) {

        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    public Answer placeOrder(String idempotencyKey, String body) {
        return placeOrder(idempotencyKey, body, Map.of());
    }

    /** The same, with more request headers (a traceparent, a request id). */
    public Answer placeOrder(String idempotencyKey, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public String status(long orderId) {
        return get("/api/orders/" + orderId).json("$.status");
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location"), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
