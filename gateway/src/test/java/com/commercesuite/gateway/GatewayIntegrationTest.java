package com.commercesuite.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as a server on a random port, in front of stand-ins for the five services, against
 * the local Redis (database 2, keys under a prefix of this run, removed after each test). Every
 * test class that extends it shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayIntegrationTest {

    static final StandInService productService = new StandInService("product-service");
    static final StandInService balanceService = new StandInService("balance-service");
    static final StandInService couponService = new StandInService("coupon-service");
    static final StandInService orderService = new StandInService("order-service");
    static final StandInService analytics = new StandInService("data-platform-consumer");

    static final String KEY_PREFIX = "gateway-test-" + UUID.randomUUID() + ":rate-limit";

    /** User ids no other run uses, so each test has fresh rate-limit buckets. */
    private static final AtomicLong USERS = new AtomicLong(
            1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000L);

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    /** The settings of this suite's gateway; a second instance started by a test uses the same. */
    static Map<String, String> gatewaySettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PRODUCT_SERVICE_URI", productService.uri());
        settings.put("BALANCE_SERVICE_URI", balanceService.uri());
        settings.put("COUPON_SERVICE_URI", couponService.uri());
        settings.put("ORDER_SERVICE_URI", orderService.uri());
        settings.put("DATA_PLATFORM_CONSUMER_URI", analytics.uri());
        settings.put("commerce.gateway.jwt.secret", Tokens.SECRET);
        settings.put("spring.data.redis.database", "2");
        settings.put("commerce.gateway.rate-limit.key-prefix", KEY_PREFIX);
        // Three at once, then one every 100 s: no test waits long enough to get a token back.
        settings.put("commerce.gateway.rate-limit.limits.coupon-issuance.replenish-rate", "0.01");
        settings.put("commerce.gateway.rate-limit.limits.coupon-issuance.burst-capacity", "3");
        settings.put("commerce.gateway.rate-limit.limits.order-placement.replenish-rate", "0.01");
        settings.put("commerce.gateway.rate-limit.limits.order-placement.burst-capacity", "3");
        settings.put("commerce.gateway.body.max-size", "64KB");
        return settings;
    }

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        gatewaySettings().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterEach
    void removeRateLimitKeys() {
        redis.scan(ScanOptions.scanOptions().match(KEY_PREFIX + "*").count(1000).build())
                .flatMap(redis::delete)
                .blockLast();
    }

    static long freshUser() {
        return USERS.incrementAndGet();
    }

    GatewayHttp http() {
        return GatewayHttp.on(port);
    }
}
