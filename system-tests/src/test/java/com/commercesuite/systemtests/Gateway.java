package com.commercesuite.systemtests;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway as its own JVM in front of the domain services, with a secret made for this run, and
 * the bearer tokens it accepts (HS256, as {@code bin/suite token} mints them): the way users reach
 * the services.
 */
final class Gateway {

    private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    private final ServiceProcess process;

    Gateway(DomainServices services) {
        process = new ServiceProcess("gateway", List.of(
                "--commerce.gateway.jwt.secret=" + secret,
                "--PRODUCT_SERVICE_URI=" + services.products.uri(""),
                "--BALANCE_SERVICE_URI=" + services.balances.uri(""),
                "--COUPON_SERVICE_URI=" + services.coupons.uri(""),
                "--ORDER_SERVICE_URI=" + services.orders.uri(""),
                // Load from a few users at a time is the benchmark's point, not the per-user limits.
                "--commerce.gateway.rate-limit.limits.coupon-issuance.replenish-rate=100000",
                "--commerce.gateway.rate-limit.limits.coupon-issuance.burst-capacity=100000",
                "--commerce.gateway.rate-limit.limits.order-placement.replenish-rate=100000",
                "--commerce.gateway.rate-limit.limits.order-placement.burst-capacity=100000"));
    }

    Gateway start() {
        process.start();
        process.awaitReady();
        return this;
    }

    void stop() {
        process.stop();
    }

    ServiceProcess process() {
        return process;
    }

    URI uri(String path) {
        return process.uri(path);
    }

    String userToken(long userId) {
        return token(Long.toString(userId), "user");
    }

    String adminToken() {
        return token("1", "admin");
    }

    private String token(String subject, String role) {
        long now = System.currentTimeMillis() / 1000;
        String header = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        // The issuer and audience are the gateway's defaults, as bin/suite token mints them.
        String payload = base64("{\"sub\":\"%s\",\"roles\":[\"%s\"],\"iss\":\"commerce-suite-local\",\"aud\":\"commerce-suite-gateway\",\"iat\":%d,\"exp\":%d}"
                .formatted(subject, role, now, now + 3_600).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = base64(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return header + "." + payload + "." + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
