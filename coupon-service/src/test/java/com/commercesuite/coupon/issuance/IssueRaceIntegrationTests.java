package com.commercesuite.coupon.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.coupon.CouponHttp;
import com.commercesuite.coupon.TestIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** First come, first served under real concurrency, over real HTTP, Redis, PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IssueRaceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    HttpClient client;
    ExecutorService pool;

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(64);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        pool.shutdownNow();
    }

    @Test
    void twoThousandUsersRushingAHundredCouponsGetExactlyAHundredAndTheRestAreToldItIsGone() throws Exception {
        long coupon = new CouponHttp(port).createCoupon(100, "FIXED", "2.00");
        List<Long> users = LongStream.range(0, 2_000).map(i -> TestIds.next()).boxed().toList();

        double admittedBefore = decisions("admitted");
        double soldOutBefore = decisions("sold_out");

        Map<Integer, Long> statuses = rush(coupon, users);

        assertThat(statuses).containsOnlyKeys(202, 410).containsEntry(202, 100L).containsEntry(410, 1_900L);
        // Redis itself decided: PostgreSQL's own cap never had to refuse an admission.
        assertThat(decisions("admitted") - admittedBefore).isEqualTo(100);
        assertThat(decisions("sold_out") - soldOutBefore).isEqualTo(1_900);
        assertThat(redis.opsForHash().size(CouponAdmission.holdersKey(coupon))).isEqualTo(100);
        assertThat(count("select count(*) from coupon_issuances where coupon_id = ?", coupon)).isEqualTo(100);
        assertThat(count("select issued_quantity from coupons where id = ?", coupon)).isEqualTo(100);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(count("select count(*) from user_coupons where coupon_id = ?", coupon)).isEqualTo(100));
        // The holders in Redis, the issuances and the wallets are the same hundred users.
        List<Long> holders = redis.<String, String>opsForHash().keys(CouponAdmission.holdersKey(coupon)).stream()
                .map(Long::valueOf).toList();
        assertThat(jdbc.sql("select user_id from coupon_issuances where coupon_id = ?").param(coupon).query(Long.class).list())
                .containsExactlyInAnyOrderElementsOf(holders);
        assertThat(jdbc.sql("select user_id from user_coupons where coupon_id = ?").param(coupon).query(Long.class).list())
                .containsExactlyInAnyOrderElementsOf(holders);
    }

    @Test
    void aRushIsRecordedInGroupCommitsAndEveryAnsweredAdmissionIsDurable() throws Exception {
        long coupon = new CouponHttp(port).createCoupon(1_000, "FIXED", "2.00");
        List<Long> users = LongStream.range(0, 1_000).map(i -> TestIds.next()).boxed().toList();
        var batches = meters.get("coupon.issuance.batch").summary();
        long commitsBefore = batches.count();

        Map<Integer, Long> statuses = rush(coupon, users);

        assertThat(statuses).containsOnlyKeys(202).containsEntry(202, 1_000L);
        long commits = batches.count() - commitsBefore;
        // 64 requests in flight share commits: fewer transactions than admissions.
        assertThat(commits).isLessThan(1_000);
        assertThat(count("select count(*) from coupon_issuances where coupon_id = ?", coupon)).isEqualTo(1_000);
        assertThat(count("select issued_quantity from coupons where id = ?", coupon)).isEqualTo(1_000);
        // Each admission's two events, the coupon's in one gapless sequence.
        assertThat(jdbc.sql("""
                        select aggregate_sequence from outbox.event where aggregate_type = 'coupon' and aggregate_id = ?
                        union all
                        select aggregate_sequence from outbox.published_event where aggregate_type = 'coupon' and aggregate_id = ?
                        order by 1""")
                .params(Long.toString(coupon), Long.toString(coupon)).query(Long.class).list())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1_001).boxed().toList());
    }

    @Test
    void whenPostgresqlCountsMoreThanRedisKnowsTheBatchIsRecordedOneByOneUpToTheQuantity() throws Exception {
        long coupon = new CouponHttp(port).createCoupon(40, "FIXED", "2.00");
        // PostgreSQL has 30 issued that Redis does not know of (as after Redis lost admissions).
        jdbc.sql("update coupons set issued_quantity = 30 where id = ?").param(coupon).update();
        List<Long> users = LongStream.range(0, 40).map(i -> TestIds.next()).boxed().toList();

        Map<Integer, Long> statuses = rush(coupon, users);

        assertThat(statuses).containsOnlyKeys(202, 410).containsEntry(202, 10L).containsEntry(410, 30L);
        assertThat(count("select count(*) from coupon_issuances where coupon_id = ?", coupon)).isEqualTo(10);
        assertThat(count("select issued_quantity from coupons where id = ?", coupon)).isEqualTo(40);
        // The refused admissions were taken back from Redis: only the recorded users hold it there.
        assertThat(redis.opsForHash().size(CouponAdmission.holdersKey(coupon))).isEqualTo(10);
    }

    @Test
    void oneUserAskingTwentyTimesAtOnceGetsItOnceAndConflictsOtherwise() throws Exception {
        long coupon = new CouponHttp(port).createCoupon(10, "FIXED", "2.00");
        long user = TestIds.next();

        Map<Integer, Long> statuses = rush(coupon, LongStream.range(0, 20).map(i -> user).boxed().toList());

        assertThat(statuses).containsOnlyKeys(202, 409).containsEntry(202, 1L).containsEntry(409, 19L);
        assertThat(count("select count(*) from coupon_issuances where coupon_id = ?", coupon)).isEqualTo(1);
    }

    private Map<Integer, Long> rush(long coupon, List<Long> users) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/coupons/" + coupon + "/issue");
        List<Callable<Integer>> requests = new ArrayList<>();
        for (long user : users) {
            requests.add(() -> client.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":" + user + "}"))
                            .build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : pool.invokeAll(requests)) {
            statuses.add(answer.get());
        }
        return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private double decisions(String result) {
        return meters.get("coupon.admissions").tag("result", result).counter().count();
    }

    private long count(String sql, long coupon) {
        return jdbc.sql(sql).param(coupon).query(Long.class).single();
    }
}
