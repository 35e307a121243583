package com.commercesuite.coupon.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.coupon.CouponHttp;
import com.commercesuite.coupon.TestIds;
import com.commercesuite.coupon.catalog.CouponCatalog;
import com.commercesuite.coupon.domain.AdmissionResult;
import com.commercesuite.coupon.domain.Coupon;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Redis and PostgreSQL disagree after a crash between the admission and its commit, or after Redis
 * lost data; one reconciler pass makes them agree again. The test profile sets the grace to 0.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CouponReconcilerIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    CouponReconciler reconciler;

    @Autowired
    CouponAdmission admission;

    @Autowired
    CouponCatalog catalog;

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
    void recordsAnAdmissionWhoseRequestDiedBeforeItsCommitAndTheUserGetsTheCoupon() {
        Coupon coupon = catalog.get(http.createCoupon(5, "FIXED", "4.00"));
        long user = TestIds.next();
        try (var couponIssue = TopicTail.fromNow(bootstrapServers, Topic.COUPON_ISSUE)) {
            // The request's first half only: admitted in Redis, then the process "dies" before PostgreSQL.
            assertThat(admission.tryAdmit(coupon, user, Instant.ofEpochMilli(System.currentTimeMillis())))
                    .isEqualTo(AdmissionResult.ADMITTED);
            assertThat(issuances(coupon.id())).isEmpty();

            reconciler.reconcile();

            assertThat(issuances(coupon.id())).containsExactly(user);
            assertThat(jdbc.sql("select issued_quantity from coupons where id = ?").param(coupon.id()).query(Integer.class)
                    .single()).isEqualTo(1);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(couponIssue.envelopesMatching(e ->
                    e.eventType().equals("COUPON_ISSUED") && e.aggregateId().equals(Long.toString(coupon.id()))))
                    .singleElement()
                    .satisfies(e -> assertThat(e.payload().get("userId").asLong()).isEqualTo(user)));
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql(
                        "select status from user_coupons where coupon_id = ? and user_id = ?")
                .params(coupon.id(), user).query(String.class).optional()).contains("AVAILABLE"));
        // A second pass finds nothing to do: the issuance is recorded once.
        reconciler.reconcile();
        assertThat(issuances(coupon.id())).containsExactly(user);
    }

    @Test
    void aPassOverDifferingCountsSkipsCouponsThatAgreeAndTheFullPassFindsWhatAgreeingCountsHide() {
        Coupon differing = catalog.get(http.createCoupon(5, "FIXED", "4.00"));
        Coupon agreeing = catalog.get(http.createCoupon(5, "FIXED", "4.00"));
        long recorded = TestIds.next();
        long unrecorded = TestIds.next();
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        // An admission whose request died: Redis counts one more than PostgreSQL.
        assertThat(admission.tryAdmit(differing, TestIds.next(), now)).isEqualTo(AdmissionResult.ADMITTED);
        // A recorded holder Redis lost and an admission whose request died: the counts agree (1 and 1).
        assertThat(http.issue(agreeing.id(), recorded).status()).isEqualTo(202);
        redis.opsForHash().delete(CouponAdmission.holdersKey(agreeing.id()), Long.toString(recorded));
        assertThat(admission.tryAdmit(agreeing, unrecorded, now)).isEqualTo(AdmissionResult.ADMITTED);

        var quick = reconciler.reconcileWhereCountsDiffer();

        assertThat(issuances(differing.id())).hasSize(1);
        assertThat(issuances(agreeing.id())).containsExactly(recorded);
        assertThat(quick.unchanged()).isPositive();

        reconciler.reconcile();

        assertThat(issuances(agreeing.id())).containsExactlyInAnyOrder(recorded, unrecorded);
        assertThat(redis.opsForHash().keys(CouponAdmission.holdersKey(agreeing.id())))
                .containsExactlyInAnyOrder(Long.toString(recorded), Long.toString(unrecorded));
    }

    @Test
    void putsBackHoldersThatRedisLostSoTheyStayCountedAndRefused() {
        long couponId = http.createCoupon(3, "FIXED", "4.00");
        long first = TestIds.next();
        long second = TestIds.next();
        assertThat(http.issue(couponId, first).status()).isEqualTo(202);
        assertThat(http.issue(couponId, second).status()).isEqualTo(202);
        Map<Object, Object> before = redis.opsForHash().entries(CouponAdmission.holdersKey(couponId));
        redis.opsForHash().delete(CouponAdmission.holdersKey(couponId), Long.toString(first));

        reconciler.reconcile();

        assertThat(redis.opsForHash().entries(CouponAdmission.holdersKey(couponId))).isEqualTo(before);
        assertThat(http.issue(couponId, first).status()).isEqualTo(409);
        assertThat(http.issue(couponId, TestIds.next()).status()).isEqualTo(202);
        assertThat(http.issue(couponId, TestIds.next()).status()).isEqualTo(410);
    }

    @Test
    void postgresqlStillCapsTheQuantityWhenRedisLostAnAdmissionAndAdmittedSomeoneElse() {
        long couponId = http.createCoupon(1, "FIXED", "4.00");
        long holder = TestIds.next();
        assertThat(http.issue(couponId, holder).status()).isEqualTo(202);
        redis.opsForHash().delete(CouponAdmission.holdersKey(couponId), Long.toString(holder));

        CouponHttp.Answer intruder = http.issue(couponId, TestIds.next());

        assertThat(intruder.status()).isEqualTo(410);
        assertThat(issuances(couponId)).containsExactly(holder);
        assertThat(redis.opsForHash().size(CouponAdmission.holdersKey(couponId))).isZero();
        reconciler.reconcile();
        assertThat(redis.opsForHash().keys(CouponAdmission.holdersKey(couponId))).containsExactly(Long.toString(holder));
    }

    @Test
    void reseedsACouponWhoseKeysRedisLostEntirely() {
        long couponId = http.createCoupon(4, "FIXED", "4.00");
        long holder = TestIds.next();
        assertThat(http.issue(couponId, holder).status()).isEqualTo(202);
        redis.delete(List.of(CouponAdmission.quantityKey(couponId), CouponAdmission.holdersKey(couponId)));

        reconciler.reconcile();

        assertThat(redis.opsForValue().get(CouponAdmission.quantityKey(couponId))).isEqualTo("4");
        assertThat(redis.opsForHash().keys(CouponAdmission.holdersKey(couponId))).containsExactly(Long.toString(holder));
        assertThat(http.get("/api/coupons/" + couponId).<Integer>json("$.issued")).isEqualTo(1);
    }

    private List<Long> issuances(long couponId) {
        return jdbc.sql("select user_id from coupon_issuances where coupon_id = ?").param(couponId).query(Long.class).list();
    }
}
