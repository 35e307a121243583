package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A 202 means recorded, whatever happens next: coupon-service killed with SIGKILL in the middle of
 * a rush, then Redis losing the coupon's admissions in the middle of a second one (what a restart
 * of a Redis without persistence does). Afterwards every user answered 202 holds the coupon, no user
 * who was refused does, and never more users than the quantity.
 */
class CouponRushCrashIntegrationTests {

    private static final int QUANTITY = 300;
    private static final int USERS_PER_RUSH = 400;
    private static final int IN_FLIGHT = 64;

    private final DomainServices services = DomainServices.get();
    private final Api api = new Api(services);

    /** What each user was told: an HTTP status, or 0 when the connection died without an answer. */
    private final Map<Long, Integer> answers = new ConcurrentHashMap<>();

    @Test
    void everyUserAnswered202HoldsTheCouponAfterACrashAndARedisLossAndNoOneElseDoes() throws Exception {
        long coupon = api.createFixedCoupon("crash rush", "1.00", QUANTITY);
        List<Long> firstRush = users();
        List<Long> secondRush = users();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var rush = pool.submit(() -> rush(coupon, firstRush));
            await("a quarter of the coupons admitted and answered").atMost(Duration.ofSeconds(60))
                    .until(() -> answered(202) >= QUANTITY / 4);
            services.coupons.kill();
            rush.get();
        }
        assertThat(answered(0)).as("requests that lost their answer to the kill").isPositive();
        services.coupons.start();
        services.coupons.awaitReady();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                RedisClient client = RedisClient.create("redis://127.0.0.1:6379/1");
                StatefulRedisConnection<String, String> redis = client.connect()) {
            // The reconciler records the admissions whose requests died with the service (once
            // they are older than its grace): then Redis and PostgreSQL name the same holders.
            awaitAgreement(redis, coupon);

            var rush = pool.submit(() -> rush(coupon, secondRush));
            int before = answered(202);
            await("more admissions after the restart").atMost(Duration.ofSeconds(60))
                    .until(() -> answered(202) >= before + 20);
            redis.sync().del("coupon:{" + coupon + "}:quantity", "coupon:{" + coupon + "}:holders");
            rush.get();

            // The reconciler puts back into Redis the recorded holders that Redis lost.
            awaitAgreement(redis, coupon);
        }

        Set<Long> holders = holders(coupon);
        assertThat(holders).hasSizeLessThanOrEqualTo(QUANTITY);
        assertThat(issuedCount(coupon)).isEqualTo(holders.size());
        answers.forEach((user, status) -> {
            if (status == 202) {
                assertThat(holders).as("user %d was answered 202", user).contains(user);
            } else if (status >= 400 && status < 500) {
                assertThat(holders).as("user %d was refused with %d", user, status).doesNotContain(user);
            }
        });
        // Every holder reaches their wallet (the coupon-issue events were all published and consumed).
        await("every holder's wallet").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(walletCount(coupon)).isEqualTo(holders.size()));
    }

    private static void awaitAgreement(StatefulRedisConnection<String, String> redis, long coupon) {
        await("Redis and PostgreSQL name the same holders").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(redis.sync().hkeys("coupon:{" + coupon + "}:holders").stream()
                        .map(Long::valueOf).toList()).containsExactlyInAnyOrderElementsOf(holders(coupon)));
    }

    private static List<Long> users() {
        return LongStream.range(0, USERS_PER_RUSH).map(i -> OrderSagaIntegrationTests.newUserId()).boxed().toList();
    }

    private Void rush(long coupon, List<Long> users) throws InterruptedException {
        var permits = new Semaphore(IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long user : users) {
                permits.acquire();
                pool.submit(() -> {
                    try {
                        answers.put(user, api.issueCoupon(coupon, user).status());
                    } catch (IllegalStateException connectionLost) {
                        answers.put(user, 0);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        return null;
    }

    private int answered(int status) {
        return (int) answers.values().stream().filter(s -> s == status).count();
    }

    private static Set<Long> holders(long coupon) throws SQLException {
        try (Connection db = couponDatabase();
                var query = db.prepareStatement("select user_id from coupon_issuances where coupon_id = ?")) {
            query.setLong(1, coupon);
            Set<Long> holders = new HashSet<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    holders.add(rows.getLong(1));
                }
            }
            return holders;
        }
    }

    private static long issuedCount(long coupon) throws SQLException {
        return single("select issued_quantity from coupons where id = ?", coupon);
    }

    private static long walletCount(long coupon) throws SQLException {
        return single("select count(*) from user_coupons where coupon_id = ?", coupon);
    }

    private static long single(String sql, long coupon) throws SQLException {
        try (Connection db = couponDatabase(); var query = db.prepareStatement(sql)) {
            query.setLong(1, coupon);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Connection couponDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/coupon_test", "coupon", "coupon");
    }
}
