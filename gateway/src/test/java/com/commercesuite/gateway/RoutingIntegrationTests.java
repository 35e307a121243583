package com.commercesuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.gateway.GatewayHttp.Answer;
import com.commercesuite.gateway.StandInService.Received;
import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Each API reaches its service with the path unchanged, the caller's identity and the trace headers. */
class RoutingIntegrationTests extends GatewayIntegrationTest {

    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

    @Test
    void eachApiIsRoutedToItsServiceWithThePathUnchanged() {
        long user = freshUser();
        String token = Tokens.user(user);
        String unique = UUID.randomUUID().toString();

        assertRouted(http().get("/api/products/" + unique).token(token).send(), productService, "/api/products/" + unique);
        assertRouted(http().get("/api/balances/" + user).token(token).send(), balanceService, "/api/balances/" + user);
        assertRouted(http().get("/api/coupons/" + unique).token(token).send(), couponService, "/api/coupons/" + unique);
        assertRouted(http().get("/api/users/" + user + "/coupons").token(token).send(), couponService, "/api/users/" + user + "/coupons");
        assertRouted(http().get("/api/orders/" + unique).token(token).send(), orderService, "/api/orders/" + unique);
        assertRouted(http().get("/api/users/" + user + "/orders").token(token).send(), orderService, "/api/users/" + user + "/orders");
        assertRouted(http().get("/api/analytics/users/" + user + "/activity").token(token).send(), analytics, "/api/analytics/users/" + user + "/activity");
        // Company-wide analytics are the admins'.
        assertRouted(http().get("/api/analytics/best-sellers-" + unique).token(Tokens.admin(user)).send(), analytics, "/api/analytics/best-sellers-" + unique);
        assertRouted(http().post("/api/coupons/" + user + "/issue", "{\"userId\": " + user + "}").token(token).send(),
                couponService, "/api/coupons/" + user + "/issue");
        assertRouted(http().post("/api/balances/" + user + "/charges", "{\"amount\": 10}").token(token).send(),
                balanceService, "/api/balances/" + user + "/charges");
    }

    @Test
    void theServiceLearnsWhoCallsAndNeitherAForgedIdentityNorTheTokenReachesIt() {
        long user = freshUser();
        String path = "/api/orders/" + UUID.randomUUID();

        Answer answer = http().get(path).token(Tokens.user(user))
                .header("X-User-Id", "1")
                .header("X-User-Roles", "admin")
                .send();

        assertThat(answer.status()).isEqualTo(200);
        Received received = orderService.onlyRequestTo(path);
        assertThat(received.header("X-User-Id")).isEqualTo(Long.toString(user));
        assertThat(received.header("X-User-Roles")).isEqualTo("user");
        assertThat(received.header("Authorization")).isNull();
    }

    @Test
    void anAdminsRolesAreForwarded() {
        String path = "/api/products/" + UUID.randomUUID();

        http().get(path).token(Tokens.admin(7)).send();

        assertThat(productService.onlyRequestTo(path).header("X-User-Roles")).isEqualTo("admin");
        assertThat(productService.onlyRequestTo(path).header("X-User-Id")).isEqualTo("7");
    }

    @Test
    void aRequestWithoutTraceHeadersGetsANewRequestIdAndTraceparentSentOnAndAnswered() {
        String path = "/api/products/" + UUID.randomUUID();

        Answer answer = http().get(path).token(Tokens.user(freshUser())).send();

        Received received = productService.onlyRequestTo(path);
        assertThat(received.header("X-Request-Id")).matches(UUID_FORMAT);
        assertThat(received.header("traceparent")).matches(TRACEPARENT);
        assertThat(answer.headers().allValues("X-Request-Id")).containsExactly(received.header("X-Request-Id"));
    }

    @Test
    void aClientsValidRequestIdAndTraceparentAreKept() {
        String path = "/api/products/" + UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        Answer answer = http().get(path).token(Tokens.user(freshUser()))
                .header("X-Request-Id", "client.request-42_A")
                .header("traceparent", traceparent)
                .header("tracestate", "vendor=value")
                .send();

        Received received = productService.onlyRequestTo(path);
        assertThat(received.header("X-Request-Id")).isEqualTo("client.request-42_A");
        assertThat(received.header("traceparent")).isEqualTo(traceparent);
        assertThat(received.header("tracestate")).isEqualTo("vendor=value");
        assertThat(answer.header("X-Request-Id")).isEqualTo("client.request-42_A");
    }

    @Test
    void invalidTraceHeadersFromAClientAreReplaced() {
        String path = "/api/products/" + UUID.randomUUID();

        Answer answer = http().get(path).token(Tokens.user(freshUser()))
                .header("X-Request-Id", "not valid: spaces and a colon")
                .header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=value")
                .send();

        Received received = productService.onlyRequestTo(path);
        assertThat(received.header("X-Request-Id")).matches(UUID_FORMAT);
        assertThat(received.header("traceparent")).matches(TRACEPARENT).doesNotContain("00000000000000000000000000000000");
        assertThat(received.header("tracestate")).isNull();
        assertThat(answer.header("X-Request-Id")).isEqualTo(received.header("X-Request-Id"));
    }

    @Test
    void aTooLongRequestIdIsReplaced() {
        String path = "/api/products/" + UUID.randomUUID();

        http().get(path).token(Tokens.user(freshUser())).header("X-Request-Id", "a".repeat(65)).send();

        assertThat(productService.onlyRequestTo(path).header("X-Request-Id")).matches(UUID_FORMAT);
    }

    @Test
    void aCheckedBodyReachesTheServiceByteForByte() {
        long user = freshUser();
        String body = "{ \"userId\" : " + user + ",\n  \"items\": [{\"productId\": 1, \"quantity\": 2}], \"note\": \"caf\u00e9 \u2615\" }";

        Answer answer = http().post("/api/orders", body).token(Tokens.user(user)).header("Idempotency-Key", "k-" + user).send();

        assertThat(answer.status()).isEqualTo(200);
        Received received = orderService.received("/api/orders").stream()
                .filter(r -> new String(r.body(), UTF_8).contains(Long.toString(user))).findFirst().orElseThrow();
        assertThat(received.body()).isEqualTo(body.getBytes(UTF_8));
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(body.getBytes(UTF_8).length));
        assertThat(received.header("Idempotency-Key")).isEqualTo("k-" + user);
        assertThat(received.header("X-User-Id")).isEqualTo(Long.toString(user));
    }

    @Test
    void aProblemAnswerFromAServicePassesThroughUnchanged() {
        String path = "/api/products/" + UUID.randomUUID();
        String problem = "{\"type\":\"urn:commerce-suite:problem:product-not-found\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"Product 5 does not exist\",\"instance\":\"" + path + "\"}";
        productService.script(path, (exchange, attempt) -> StandInService.respond(exchange, 404, "application/problem+json", problem));

        Answer answer = http().get(path).token(Tokens.user(freshUser())).send();

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).isEqualTo(problem);
    }

    @Test
    void aPathNoRouteServesIsA404Problem() {
        Answer answer = http().get("/api/nothing-here").token(Tokens.user(freshUser())).header("X-Request-Id", "r-404").send();

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:no-route");
        assertThat(answer.<String>json("$.title")).isEqualTo("Not Found");
        assertThat(answer.<Integer>json("$.status")).isEqualTo(404);
        assertThat(answer.<String>json("$.instance")).isEqualTo("/api/nothing-here");
        assertThat(answer.<String>json("$.requestId")).isEqualTo("r-404");
        assertThat(answer.header("X-Request-Id")).isEqualTo("r-404");
    }

    @Test
    void reportsItselfUpWithRedisUpWithoutAToken() {
        String health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health, "$.components.redis.status")).isEqualTo("UP");

        String readiness = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health/readiness")
                .retrieve().body(String.class);
        assertThat(JsonPath.<String>read(readiness, "$.status")).isEqualTo("UP");
    }

    @Test
    void servesPrometheusMetricsWithoutAToken() {
        String metrics = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .retrieve()
                .body(String.class);

        assertThat(metrics).contains("jvm_memory").contains("application=\"gateway\"");
    }

    private static void assertRouted(Answer answer, StandInService service, String path) {
        assertThat(answer.status()).as("status of %s", path).isEqualTo(200);
        assertThat(service.received(path)).as("requests %s received at %s", service, path).hasSize(1);
        Received received = service.received(path).getFirst();
        assertThat(received.header("X-Request-Id")).isNotBlank();
        assertThat(received.header("traceparent")).matches(TRACEPARENT);
        assertThat(received.header("X-User-Id")).isNotBlank();
    }
}
