package com.commercesuite.coupon.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.coupon.CouponHttp;
import com.commercesuite.coupon.CouponHttp.Answer;
import com.commercesuite.coupon.TestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IssueCouponIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    CouponHttp http;

    @BeforeEach
    void client() {
        http = new CouponHttp(port);
    }

    @Test
    void issuesACouponToAUserWhoThenFindsItAvailableInTheirWallet() {
        long coupon = http.createCoupon(10, "FIXED", "3.00");
        long user = TestIds.next();

        Answer issued = http.issue(coupon, user);

        assertThat(issued.status()).isEqualTo(202);
        assertThat(issued.<Number>json("$.couponId").longValue()).isEqualTo(coupon);
        assertThat(issued.<Number>json("$.userId").longValue()).isEqualTo(user);
        assertThat(issued.<String>json("$.status")).isEqualTo("ADMITTED");
        assertThat(http.get("/api/coupons/" + coupon).<Integer>json("$.issued")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from coupon_issuances where coupon_id = ? and user_id = ?")
                .params(coupon, user).query(Long.class).single()).isEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Answer wallet = http.get("/api/users/" + user + "/coupons");
            assertThat(wallet.status()).isEqualTo(200);
            assertThat(wallet.<List<Object>>json("$")).hasSize(1);
            assertThat(wallet.<Number>json("$[0].couponId").longValue()).isEqualTo(coupon);
            assertThat(wallet.<String>json("$[0].status")).isEqualTo("AVAILABLE");
            assertThat(wallet.<Object>json("$[0].usedByOrderId")).isNull();
            assertThat(wallet.<String>json("$[0].discountType")).isEqualTo("FIXED");
        });
    }

    @Test
    void refusesTheSameUserASecondTimeWithAConflict() {
        long coupon = http.createCoupon(10, "FIXED", "3.00");
        long user = TestIds.next();
        assertThat(http.issue(coupon, user).status()).isEqualTo(202);

        Answer again = http.issue(coupon, user);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:coupon-already-held");
        assertThat(http.get("/api/coupons/" + coupon).<Integer>json("$.issued")).isEqualTo(1);
    }

    @Test
    void answersGoneOnceTheQuantityIsIssued() {
        long coupon = http.createCoupon(1, "FIXED", "3.00");
        assertThat(http.issue(coupon, TestIds.next()).status()).isEqualTo(202);

        Answer late = http.issue(coupon, TestIds.next());

        assertThat(late.status()).isEqualTo(410);
        assertThat(late.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:coupon-sold-out");
    }

    @Test
    void answersNotFoundForAnUnknownCoupon() {
        Answer answer = http.issue(Long.MAX_VALUE - 1, TestIds.next());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void answersAConflictOutsideTheValidityWindow() {
        Instant now = Instant.now();
        long notYet = http.createCoupon(5, "FIXED", "1.00", now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));

        Answer answer = http.issue(notYet, TestIds.next());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.<String>json("$.type")).isEqualTo("urn:commerce-suite:problem:coupon-not-issuable-now");
        assertThat(answer.<String>json("$.detail")).contains("valid from");
    }

    @Test
    void refusesAMissingOrNonPositiveUserIdNamingTheField() {
        long coupon = http.createCoupon(5, "FIXED", "1.00");
        var softly = new SoftAssertions();
        for (Object body : List.of(Map.of(), Map.of("userId", 0), Map.of("userId", -4), Map.of("userId", "abc"))) {
            Answer answer = http.post("/api/coupons/" + coupon + "/issue", body);
            softly.assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            softly.assertThat(answer.contentType()).as(body.toString()).startsWith("application/problem+json");
            softly.assertThat(answer.<String>json("$.field")).as(body.toString()).isEqualTo("userId");
        }
        Answer badCouponId = http.post("/api/coupons/abc/issue", Map.of("userId", 1));
        softly.assertThat(badCouponId.status()).isEqualTo(400);
        softly.assertThat(badCouponId.<String>json("$.field")).isEqualTo("couponId");
        Answer badUser = http.get("/api/users/0/coupons");
        softly.assertThat(badUser.status()).isEqualTo(400);
        softly.assertAll();
        assertThat(http.get("/api/coupons/" + coupon).<Integer>json("$.issued")).isZero();
    }

    @Test
    void reseedsAFlushedCouponFromPostgresqlSoItStillRefusesHoldersAndCountsThem() {
        long coupon = http.createCoupon(2, "FIXED", "1.00");
        long first = TestIds.next();
        assertThat(http.issue(coupon, first).status()).isEqualTo(202);
        redis.delete(List.of(CouponAdmission.quantityKey(coupon), CouponAdmission.holdersKey(coupon)));

        Answer again = http.issue(coupon, first);
        Answer second = http.issue(coupon, TestIds.next());
        Answer third = http.issue(coupon, TestIds.next());

        assertThat(again.status()).isEqualTo(409);
        assertThat(second.status()).isEqualTo(202);
        assertThat(third.status()).isEqualTo(410);
        assertThat(redis.opsForHash().size(CouponAdmission.holdersKey(coupon))).isEqualTo(2);
        assertThat(jdbc.sql("select issued_quantity from coupons where id = ?").param(coupon).query(Integer.class).single())
                .isEqualTo(2);
    }
}
