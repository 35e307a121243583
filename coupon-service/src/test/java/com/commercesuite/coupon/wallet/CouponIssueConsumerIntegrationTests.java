package com.commercesuite.coupon.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.coupon.CouponHttp;
import com.commercesuite.coupon.TestIds;
import com.commercesuite.events.CouponEvent;
import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import com.commercesuite.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The wallet's batch listener on real coupon-issue records: a poll's issuances at once, a bad one set aside alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CouponIssueConsumerIntegrationTests {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcClient jdbc;

    /** What the wallet reads of coupon-issue: the producer's COUPON_ISSUED, as written by another service. */
    record CouponIssued(long couponId, long userId) implements CouponEvent {
    }

    @Test
    void anIssuanceOfAnUnknownCouponIsDeadLetteredAndTheRestOfItsPollReachesTheWallets() {
        long coupon = new CouponHttp(port).createCoupon(5, "FIXED", "1.00");
        long unknownCoupon = Long.MAX_VALUE - TestIds.next();
        long first = TestIds.next();
        long unlucky = TestIds.next();
        long last = TestIds.next();
        EventEnvelope bad = TopicWriter.envelopeOf(new CouponIssued(unknownCoupon, unlucky));

        try (var deadLetters = TopicTail.fromNow(bootstrapServers, Topic.COUPON_ISSUE.topicName() + ".DLT");
                var writer = new TopicWriter(bootstrapServers)) {
            // One key: one partition, in this order, so the three are most likely one poll.
            String key = Long.toString(coupon);
            EventEnvelope firstIssued = TopicWriter.envelopeOf(new CouponIssued(coupon, first));
            writer.send(Topic.COUPON_ISSUE, key, firstIssued);
            writer.send(Topic.COUPON_ISSUE, key, bad);
            writer.send(Topic.COUPON_ISSUE, key, TopicWriter.envelopeOf(new CouponIssued(coupon, last)));
            // A redelivery of the first: the inbox knows it.
            writer.send(Topic.COUPON_ISSUE, key, firstIssued);
            writer.flush();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                            "select user_id from user_coupons where coupon_id = ? order by user_id").param(coupon).query(Long.class).list())
                    .containsExactlyInAnyOrder(first, last));
            var dead = deadLetters.awaitMatching(r -> new String(r.value(), StandardCharsets.UTF_8).contains(bad.eventId().toString()), 1);
            assertThat(dead).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from user_coupons where user_id = ?").param(unlucky).query(Long.class).single()).isZero();
    }
}
