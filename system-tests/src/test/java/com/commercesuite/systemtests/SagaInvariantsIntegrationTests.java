package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Many concurrent orders competing for little stock, small balances and shared coupons; afterwards
 * every order is finished and the books of all three participants agree with the orders.
 */
class SagaInvariantsIntegrationTests {

    private static final int ORDERS = 60;
    private static final int STOCK = 12;
    private static final BigDecimal CHARGED = new BigDecimal("60.00");

    private final DomainServices services = DomainServices.get();
    private final Api api = new Api(services);
    private final OrderSagaIntegrationTests saga = new OrderSagaIntegrationTests();

    @Test
    void concurrentOrdersAllFinishAndStockBalancesAndCouponsAgreeWithThem() throws Exception {
        List<Long> products = List.of(
                api.createProduct("a " + UUID.randomUUID(), "10.00", STOCK),
                api.createProduct("b " + UUID.randomUUID(), "7.50", STOCK),
                api.createProduct("c " + UUID.randomUUID(), "4.25", STOCK));
        long couponId = api.createFixedCoupon("three off", "3.00", 4);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(saga.userHoldingCoupon(couponId));
        }
        for (int i = 0; i < 6; i++) {
            users.add(OrderSagaIntegrationTests.newUserId());
        }
        for (long user : users) {
            api.charge(user, CHARGED.toPlainString());
        }

        List<Long> orderIds = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Long>> placed = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                var random = ThreadLocalRandom.current();
                int userIndex = random.nextInt(users.size());
                // The coupon holders try to use their coupon on several orders at once.
                Long coupon = userIndex < 4 && random.nextBoolean() ? couponId : null;
                Map<String, Object> order = Api.order(users.get(userIndex),
                        products.get(random.nextInt(products.size())), 1 + random.nextInt(3), coupon);
                placed.add(pool.submit((Callable<Long>) () -> saga.place(order)));
            }
            for (Future<Long> future : placed) {
                orderIds.add(future.get());
            }
        }

        List<JsonNode> finished = orderIds.stream().map(saga::awaitFinished).toList();
        List<JsonNode> completed = finished.stream().filter(o -> o.path("status").asString().equals("COMPLETED")).toList();
        assertThat(finished).allSatisfy(o -> assertThat(o.path("status").asString()).isIn("COMPLETED", "CANCELLED"));
        assertThat(completed).as("some orders succeed").isNotEmpty();

        Map<Long, Integer> sold = new HashMap<>();
        Map<Long, BigDecimal> paid = new HashMap<>();
        Map<Long, Integer> couponUses = new HashMap<>();
        for (JsonNode order : completed) {
            for (JsonNode item : order.path("items")) {
                sold.merge(item.path("productId").asLong(), item.path("quantity").asInt(), Integer::sum);
            }
            paid.merge(order.path("userId").asLong(), order.path("finalAmount").decimalValue(), BigDecimal::add);
            if (!order.path("couponId").isNull() && !order.path("couponId").isMissingNode()) {
                couponUses.merge(order.path("userId").asLong(), 1, Integer::sum);
            }
        }
        for (long product : products) {
            saga.awaitNothingReserved(product, STOCK - sold.getOrDefault(product, 0));
        }
        for (long user : users) {
            BigDecimal balance = api.balance(user);
            assertThat(balance).as("balance of %d", user).isEqualByComparingTo(CHARGED.subtract(paid.getOrDefault(user, BigDecimal.ZERO)));
            assertThat(balance.signum()).isNotNegative();
        }
        assertThat(couponUses.values()).as("a coupon is used by at most one completed order").allSatisfy(n -> assertThat(n).isEqualTo(1));
        for (long user : users.subList(0, 4)) {
            String expected = couponUses.containsKey(user) ? "USED" : "AVAILABLE";
            await("coupon of " + user).atMost(Duration.ofSeconds(30)).until(() -> saga.couponStatus(user, couponId), expected::equals);
        }
    }
}
