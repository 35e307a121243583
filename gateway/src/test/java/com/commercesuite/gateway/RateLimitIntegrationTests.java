package com.commercesuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.gateway.GatewayHttp.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Coupon issuance and order placement are limited per user (here: 3 at once, then one per 100 s),
 * in Redis, so that two gateway instances sharing the Redis share each user's limit.
 */
class RateLimitIntegrationTests extends GatewayIntegrationTest {

    private static ConfigurableApplicationContext secondGateway;

    @BeforeAll
    static void startASecondGatewayInstanceOnTheSameRedis() {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        gatewaySettings().forEach((key, value) -> args.add("--" + key + "=" + value));
        secondGateway = new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopTheSecondGatewayInstance() {
        if (secondGateway != null) {
            secondGateway.close();
        }
    }

    @Test
    void couponIssuanceOverTheLimitIs429WithRetryAfter() {
        long user = freshUser();
        String path = "/api/coupons/" + user + "/issue";
        String body = "{\"userId\": " + user + "}";

        for (int i = 0; i < 3; i++) {
            assertThat(http().post(path, body).token(Tokens.user(user)).send().status()).isEqualTo(200);
        }
        Answer refused = http().post(path, body).token(Tokens.user(user)).send();

        assertTooMany(refused, path);
        assertThat(couponService.received(path)).hasSize(3);
    }

    @Test
    void orderPlacementOverTheLimitIs429() {
        long user = freshUser();
        String body = "{\"userId\": " + user + ", \"items\": []}";

        for (int i = 0; i < 3; i++) {
            assertThat(http().post("/api/orders", body).token(Tokens.user(user)).send().status()).isEqualTo(200);
        }

        assertTooMany(http().post("/api/orders", body).token(Tokens.user(user)).send(), "/api/orders");
    }

    @Test
    void eachUserHasTheirOwnLimit() {
        long first = freshUser();
        long second = freshUser();
        for (int i = 0; i < 3; i++) {
            http().post("/api/orders", "{\"userId\": " + first + "}").token(Tokens.user(first)).send();
        }
        assertThat(http().post("/api/orders", "{\"userId\": " + first + "}").token(Tokens.user(first)).send().status()).isEqualTo(429);

        assertThat(http().post("/api/orders", "{\"userId\": " + second + "}").token(Tokens.user(second)).send().status()).isEqualTo(200);
    }

    @Test
    void readsAreNotLimited() {
        long user = freshUser();
        for (int i = 0; i < 6; i++) {
            assertThat(http().get("/api/users/" + user + "/orders").token(Tokens.user(user)).send().status()).isEqualTo(200);
        }
    }

    @Test
    void theLimitHoldsAcrossTwoGatewayInstancesSharingRedis() {
        long user = freshUser();
        String path = "/api/coupons/" + user + "/issue";
        String body = "{\"userId\": " + user + "}";
        GatewayHttp.Answer[] answers = {
                http().post(path, body).token(Tokens.user(user)).send(),
                onSecondGateway().post(path, body).token(Tokens.user(user)).send(),
                http().post(path, body).token(Tokens.user(user)).send(),
        };
        assertThat(answers).extracting(GatewayHttp.Answer::status).containsOnly(200);

        assertTooMany(onSecondGateway().post(path, body).token(Tokens.user(user)).send(), path);
        assertTooMany(http().post(path, body).token(Tokens.user(user)).send(), path);
        assertThat(couponService.received(path)).hasSize(3);
    }

    private static GatewayHttp onSecondGateway() {
        int port = ((WebServerApplicationContext) secondGateway).getWebServer().getPort();
        return GatewayHttp.on(port);
    }

    private static void assertTooMany(Answer answer, String path) {
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:rate-limited");
        assertThat(answer.<Integer>json("$.status")).isEqualTo(429);
        assertThat(answer.<String>json("$.instance")).isEqualTo(path);
        // One token per 100 s: the next one is at most 100 s away.
        assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 100L);
    }
}
