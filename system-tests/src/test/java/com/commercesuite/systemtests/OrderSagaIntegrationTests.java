package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.EventEnvelope;
import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.TopicTail;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The order saga across the real product, coupon, balance and order services, each its own process,
 * talking only through their outboxes and Kafka.
 */
class OrderSagaIntegrationTests {

    private final DomainServices services = DomainServices.get();
    private final Api api = new Api(services);

    static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    }

    long place(Map<String, Object> order) {
        Api.Answer answer = api.placeOrder(UUID.randomUUID().toString(), order);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(202);
        return answer.body().path("orderId").asLong();
    }

    JsonNode awaitFinished(long orderId) {
        // No poll delay: the failover tests read a few thousand orders that finished long ago.
        return await("order " + orderId + " finished").atMost(DomainServices.SAGA_TIMEOUT.plusSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> api.order(orderId), o -> !"PENDING".equals(o.path("status").asString()));
    }

    long userHoldingCoupon(long couponId) {
        long userId = newUserId();
        assertThat(api.issueCoupon(couponId, userId).status()).isEqualTo(202);
        await("coupon " + couponId + " persisted for user " + userId).atMost(Duration.ofSeconds(30))
                .until(() -> couponStatus(userId, couponId), "AVAILABLE"::equals);
        return userId;
    }

    String couponStatus(long userId, long couponId) {
        for (JsonNode coupon : api.userCoupons(userId)) {
            if (coupon.path("couponId").asLong() == couponId) {
                return coupon.path("status").asString();
            }
        }
        return "NONE";
    }

    void awaitNothingReserved(long productId, int expectedStock) {
        await("product " + productId + " settled").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode product = api.product(productId);
            assertThat(product.path("reserved").asInt()).isZero();
            assertThat(product.path("stock").asInt()).isEqualTo(expectedStock);
        });
    }

    @Test
    void anOrderWithACouponCompletesWithEachStepAppliedOnceAndIsPublishedForTheDataPlatform() {
        long productId = api.createProduct("lamp " + UUID.randomUUID(), "12.50", 10);
        long couponId = api.createFixedCoupon("five off", "5.00", 10);
        long userId = userHoldingCoupon(couponId);
        api.charge(userId, "100.00");

        try (var completed = TopicTail.fromNow(DomainServices.KAFKA, Topic.ORDER_COMPLETED)) {
            String key = UUID.randomUUID().toString();
            Api.Answer placed = api.placeOrder(key, Api.order(userId, productId, 2, couponId));
            assertThat(placed.status()).isEqualTo(202);
            long orderId = placed.body().path("orderId").asLong();
            assertThat(api.placeOrder(key, Api.order(userId, productId, 2, couponId)).body().path("orderId").asLong())
                    .as("a retried request returns the same order").isEqualTo(orderId);

            JsonNode finished = awaitFinished(orderId);

            assertThat(finished.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(finished.path("discount").decimalValue()).isEqualByComparingTo("5.00");
            assertThat(finished.path("finalAmount").decimalValue()).isEqualByComparingTo("20.00");
            assertThat(api.balance(userId)).isEqualByComparingTo("80.00");
            assertThat(couponStatus(userId, couponId)).isEqualTo("USED");
            awaitNothingReserved(productId, 8);
            EventEnvelope event = await("ORDER_COMPLETED of " + orderId).atMost(Duration.ofSeconds(30))
                    .until(() -> completed.envelopesMatching(e -> e.eventType().equals("ORDER_COMPLETED")
                            && e.payload().path("orderId").asLong() == orderId), events -> !events.isEmpty())
                    .getFirst();
            assertThat(event.payload().path("userId").asLong()).isEqualTo(userId);
            assertThat(event.payload().path("finalAmount").decimalValue()).isEqualByComparingTo("20.00");
            assertThat(event.payload().path("items").get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("12.50");
        }
    }

    @Test
    void anOrderForMoreThanTheStockIsCancelledAndChangesNothing() {
        long productId = api.createProduct("rare " + UUID.randomUUID(), "3.00", 1);
        long userId = newUserId();
        api.charge(userId, "50.00");

        JsonNode finished = awaitFinished(place(Api.order(userId, productId, 2, null)));

        assertThat(finished.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(finished.path("cancellationReason").asString()).isNotBlank();
        assertThat(api.balance(userId)).isEqualByComparingTo("50.00");
        awaitNothingReserved(productId, 1);
    }

    @Test
    void aPaymentTheBalanceCannotCoverCancelsTheOrderAndUndoesStockAndCoupon() {
        long productId = api.createProduct("chair " + UUID.randomUUID(), "40.00", 5);
        long couponId = api.createFixedCoupon("one off", "1.00", 10);
        long userId = userHoldingCoupon(couponId);
        api.charge(userId, "10.00");

        JsonNode finished = awaitFinished(place(Api.order(userId, productId, 1, couponId)));

        assertThat(finished.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.balance(userId)).isEqualByComparingTo("10.00");
        awaitNothingReserved(productId, 5);
        await("coupon restored").atMost(Duration.ofSeconds(30)).until(() -> couponStatus(userId, couponId), "AVAILABLE"::equals);
    }

    @Test
    void aCouponAlreadyUsedByACompletedOrderCancelsTheSecondOrderAndReleasesItsStock() {
        long productId = api.createProduct("mug " + UUID.randomUUID(), "8.00", 10);
        long couponId = api.createFixedCoupon("two off", "2.00", 10);
        long userId = userHoldingCoupon(couponId);
        api.charge(userId, "100.00");

        JsonNode first = awaitFinished(place(Api.order(userId, productId, 1, couponId)));
        JsonNode second = awaitFinished(place(Api.order(userId, productId, 1, couponId)));

        assertThat(first.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(second.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.balance(userId)).isEqualByComparingTo("94.00");
        awaitNothingReserved(productId, 9);
    }

    @Test
    void anOrderWaitsWhileAParticipantIsDownAndCompletesWhenItIsBack() {
        long productId = api.createProduct("desk " + UUID.randomUUID(), "30.00", 3);
        long userId = newUserId();
        api.charge(userId, "30.00");

        services.balances.stop();
        long orderId;
        try {
            orderId = place(Api.order(userId, productId, 1, null));
            // The stock step goes through; the payment command waits in Kafka for its consumer.
            await("stock reserved while balance-service is down").atMost(Duration.ofSeconds(30))
                    .until(() -> api.product(productId).path("reserved").asInt() == 1);
            assertThat(api.order(orderId).path("status").asString()).isEqualTo("PENDING");
        } finally {
            services.balances.start();
            services.balances.awaitReady();
        }

        JsonNode finished = awaitFinished(orderId);

        assertThat(finished.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(api.balance(userId)).isEqualByComparingTo(BigDecimal.ZERO);
        awaitNothingReserved(productId, 2);
    }
}
