package com.commercesuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.gateway.GatewayHttp.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a client sees when a service is down, slow or flaky: a problem answer from the gateway,
 * never a hang or a stack trace; a GET is tried again, a POST never.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamFailureIntegrationTests {

    /** Products: scripted per path to fail, then answer. */
    static final StandInService flakyService = new StandInService("flaky product-service");
    /** Analytics: accepts requests and never answers while the tests run. */
    static final StandInService silentService = new StandInService("silent data-platform-consumer");
    /** Balances: nothing listens on this port. */
    static final int closedPort = freeLoopbackPort();

    private static final CountDownLatch releaseSilentAnswers = new CountDownLatch(1);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("PRODUCT_SERVICE_URI", flakyService::uri);
        registry.add("DATA_PLATFORM_CONSUMER_URI", silentService::uri);
        registry.add("BALANCE_SERVICE_URI", () -> "http://127.0.0.1:" + closedPort);
        registry.add("commerce.gateway.jwt.secret", () -> Tokens.SECRET);
        registry.add("spring.data.redis.database", () -> "2");
        registry.add("commerce.gateway.timeouts.analytics", () -> "500");
    }

    @AfterAll
    static void stopStandIns() {
        releaseSilentAnswers.countDown();
        flakyService.close();
        silentService.close();
    }

    @Test
    void aServiceThatIsDownIsA503Problem() {
        Answer read = http().get("/api/balances/5").token(Tokens.user(5)).header("X-Request-Id", "down-1").send();
        Answer write = http().post("/api/balances/5/charges", "{\"amount\": 1}").token(Tokens.user(5)).send();

        for (Answer answer : new Answer[] {read, write}) {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:service-unavailable");
            assertThat(answer.<String>json("$.title")).isEqualTo("Service Unavailable");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("trace");
        }
        assertThat(read.<String>json("$.requestId")).isEqualTo("down-1");
        assertThat(read.<String>json("$.instance")).isEqualTo("/api/balances/5");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504Problem() {
        String path = "/api/analytics/slow-" + UUID.randomUUID();
        silentService.script(path, (exchange, attempt) -> awaitRelease());

        // Company-wide analytics: an admin's.
        Answer answer = http().get(path).token(Tokens.admin(5)).send();

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:gateway-timeout");
        assertThat(answer.<String>json("$.instance")).isEqualTo(path);
        // A timeout is not retried: the service got the request once.
        assertThat(silentService.received(path)).hasSize(1);
    }

    @Test
    void aGetIsRetriedWhenTheServiceAnswers503() {
        String path = "/api/products/flaky-" + UUID.randomUUID();
        flakyService.script(path, (exchange, attempt) -> {
            if (attempt < 3) {
                StandInService.respond(exchange, 503, "application/problem+json", "{\"status\":503}");
            } else {
                StandInService.respond(exchange, 200, "application/json", "{\"attempt\":" + attempt + "}");
            }
        });

        Answer answer = http().get(path).token(Tokens.user(5)).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<Integer>json("$.attempt")).isEqualTo(3);
        assertThat(flakyService.received(path)).hasSize(3)
                .extracting(r -> r.header("X-Request-Id")).containsOnly(answer.header("X-Request-Id"));
    }

    @Test
    void aGetIsRetriedWhenTheServiceDropsTheConnection() {
        String path = "/api/products/dropping-" + UUID.randomUUID();
        flakyService.script(path, (exchange, attempt) -> {
            if (attempt == 1) {
                return; // closed without an answer: the connection is dropped
            }
            StandInService.respond(exchange, 200, "application/json", "{\"attempt\":" + attempt + "}");
        });

        Answer answer = http().get(path).token(Tokens.user(5)).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(flakyService.received(path)).hasSize(2);
    }

    @Test
    void aGetThatKeepsFailingEndsWithTheServicesLastAnswer() {
        String path = "/api/products/broken-" + UUID.randomUUID();
        flakyService.script(path, (exchange, attempt) ->
                StandInService.respond(exchange, 503, "application/problem+json", "{\"attempt\":" + attempt + "}"));

        Answer answer = http().get(path).token(Tokens.user(5)).send();

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{\"attempt\":3}");
        assertThat(flakyService.received(path)).hasSize(3);
    }

    @Test
    void aPostIsNeverRetried() {
        String answered503 = "/api/products/" + Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000) + "/restock";
        flakyService.script(answered503, (exchange, attempt) ->
                StandInService.respond(exchange, 503, "application/problem+json", "{\"attempt\":" + attempt + "}"));
        String dropped = "/api/products/dropped-" + UUID.randomUUID();
        flakyService.script(dropped, (exchange, attempt) -> { }); // never answers, drops the connection

        Answer refused = http().post(answered503, "{\"quantity\": 1}").token(Tokens.admin(5)).send();
        Answer broken = http().post(dropped, "{\"quantity\": 1}").token(Tokens.user(5)).send();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("{\"attempt\":1}");
        assertThat(flakyService.received(answered503)).hasSize(1);
        assertThat(broken.status()).isEqualTo(502);
        assertThat(broken.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:bad-gateway");
        assertThat(flakyService.received(dropped)).hasSize(1);
    }

    private GatewayHttp http() {
        return GatewayHttp.on(port);
    }

    private static void awaitRelease() {
        try {
            releaseSilentAnswers.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
