package com.commercesuite.coupon.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercesuite.coupon.CouponHttp;
import com.commercesuite.coupon.CouponHttp.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CouponApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    CouponHttp http;

    @BeforeEach
    void client() {
        http = new CouponHttp(port);
    }

    @Test
    void createsACouponShowsItWithNothingIssuedAndOpensItInRedis() {
        Map<String, Object> body = validCoupon();
        body.put("discountType", "PERCENTAGE");
        body.put("discountValue", "12.50");

        Answer created = http.post("/api/coupons", body);

        assertThat(created.status()).isEqualTo(201);
        long id = ((Number) created.json("$.id")).longValue();
        Answer shown = http.get("/api/coupons/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.<String>json("$.name")).isEqualTo(body.get("name"));
        assertThat(shown.<Integer>json("$.quantity")).isEqualTo(50);
        assertThat(shown.<Integer>json("$.issued")).isZero();
        assertThat(shown.<String>json("$.discountType")).isEqualTo("PERCENTAGE");
        assertThat(shown.<Number>json("$.discountValue").doubleValue()).isEqualTo(12.5);
        assertThat(Instant.parse(shown.json("$.validFrom"))).isEqualTo(Instant.parse((String) body.get("validFrom")));
        assertThat(redis.opsForValue().get("coupon:{" + id + "}:quantity")).isEqualTo("50");
    }

    @Test
    void refusesCouponDefinitionsThatDoNotHoldNamingTheField() {
        var cases = Map.<String, Map.Entry<String, Object>>ofEntries(
                Map.entry("name", Map.entry("name", " ")),
                Map.entry("quantity", Map.entry("quantity", 0)),
                Map.entry("quantity ", Map.entry("quantity", 1_000_001)),
                Map.entry("discountValue", Map.entry("discountValue", "0")),
                Map.entry("discountValue ", Map.entry("discountValue", "1.005")),
                Map.entry("discountValue  ", Map.entry("discountValue", "-3")),
                Map.entry("discountType", Map.entry("discountType", "HALF_PRICE")),
                Map.entry("validUntil", Map.entry("validUntil", "2020-01-01T00:00:00Z")));
        var softly = new SoftAssertions();
        cases.forEach((expectedField, change) -> {
            Map<String, Object> body = validCoupon();
            body.put(change.getKey(), change.getValue());
            Answer answer = http.post("/api/coupons", body);
            softly.assertThat(answer.status()).as(change.toString()).isEqualTo(400);
            softly.assertThat(answer.contentType()).as(change.toString()).startsWith("application/problem+json");
            softly.assertThat(answer.<String>json("$.field")).as(change.toString()).isEqualTo(expectedField.strip());
        });
        Map<String, Object> tooMuchPercent = validCoupon();
        tooMuchPercent.put("discountType", "PERCENTAGE");
        tooMuchPercent.put("discountValue", "100.01");
        Answer percent = http.post("/api/coupons", tooMuchPercent);
        softly.assertThat(percent.status()).isEqualTo(400);
        softly.assertThat(percent.<String>json("$.field")).isEqualTo("discountValue");
        softly.assertAll();
    }

    @Test
    void answersNotFoundForAnUnknownCoupon() {
        Answer answer = http.get("/api/coupons/" + Long.MAX_VALUE);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:coupon-not-found");
    }

    private static Map<String, Object> validCoupon() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(1));
        var body = new HashMap<String, Object>();
        body.put("name", "spring sale " + System.nanoTime());
        body.put("quantity", 50);
        body.put("discountType", "FIXED");
        body.put("discountValue", "5.00");
        body.put("validFrom", from.toString());
        body.put("validUntil", from.plus(Duration.ofDays(7)).toString());
        return body;
    }
}
