package com.commercesuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** Boots the gateway against the local Redis, with a JDK HTTP server standing in for product-service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApplicationIntegrationTests {

    /** Started before the Spring context, which reads its port for the products route. */
    static final HttpServer productService = startStandInProductService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routeProductsToTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("PRODUCT_SERVICE_URI", () -> "http://127.0.0.1:" + productService.getAddress().getPort());
    }

    @AfterAll
    static void stopStandInProductService() {
        productService.stop(0);
    }

    @Test
    void forwardsProductRequestsToProductServiceWithThePathUnchanged() {
        String body = http().get().uri("/api/products/42").retrieve().body(String.class);

        assertThat(body).isEqualTo("stand-in product-service saw GET /api/products/42");
    }

    @Test
    void reportsItselfUpWithRedisUp() {
        String health = http().get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health, "$.components.redis.status")).isEqualTo("UP");

        String readiness = http().get().uri("/actuator/health/readiness").retrieve().body(String.class);
        assertThat(JsonPath.<String>read(readiness, "$.status")).isEqualTo("UP");
    }

    @Test
    void servesPrometheusMetrics() {
        String metrics = http().get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .retrieve()
                .body(String.class);

        assertThat(metrics).contains("jvm_memory").contains("application=\"gateway\"");
    }

    private RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    private static HttpServer startStandInProductService() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/products", exchange -> {
                byte[] body = ("stand-in product-service saw " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath()).getBytes(UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
