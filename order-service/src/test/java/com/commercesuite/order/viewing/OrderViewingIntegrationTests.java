package com.commercesuite.order.viewing;

import static com.commercesuite.order.OrderHttp.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.order.OrderHttp;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Reading one order with the caller's identity the gateway forwards ({@code X-User-Id},
 * {@code X-User-Roles}): a user reads only their own orders, an admin reads any, and a request
 * without the identity (a trusted internal caller) is answered as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderViewingIntegrationTests {

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    long owner;
    long orderId;

    @BeforeEach
    void placeAnOrder() {
        owner = freshId();
        var placed = new OrderHttp(port).placeOrder(UUID.randomUUID().toString(), """
                {"userId": %d, "items": [{"productId": %d, "quantity": 1}]}
                """.formatted(owner, freshId()));
        assertThat(placed.status()).isEqualTo(202);
        orderId = placed.<Number>json("$.orderId").longValue();
    }

    @Test
    void anotherUserIsRefusedTheOrderWith403ProblemDetails() {
        HttpResponse<String> answer = get("/api/orders/" + orderId, Long.toString(owner + 1), "user");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.<String>read(answer.body(), "$.type")).isEqualTo("urn:commerce-suite:problem:order-of-another-user");
        assertThat(JsonPath.<Integer>read(answer.body(), "$.status")).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("\"items\"");
    }

    @Test
    void theOwnerReadsTheirOrder() {
        HttpResponse<String> answer = get("/api/orders/" + orderId, Long.toString(owner), "user");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Number>read(answer.body(), "$.userId").longValue()).isEqualTo(owner);
    }

    @Test
    void anAdminReadsAnyUsersOrder() {
        HttpResponse<String> answer = get("/api/orders/" + orderId, Long.toString(owner + 1), "admin");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Number>read(answer.body(), "$.orderId").longValue()).isEqualTo(orderId);
    }

    @Test
    void aCallerWithoutForwardedIdentityIsTrustedAsBefore() {
        HttpResponse<String> answer = get("/api/orders/" + orderId, null, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Number>read(answer.body(), "$.userId").longValue()).isEqualTo(owner);
    }

    @Test
    void anUnknownOrderIsStillNotFoundForAUser() {
        HttpResponse<String> answer = get("/api/orders/" + freshId(), Long.toString(owner), "user");

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String userId, String roles) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (userId != null) {
            request.header(OrderStatusController.USER_ID_HEADER, userId);
            request.header(OrderStatusController.USER_ROLES_HEADER, roles);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
