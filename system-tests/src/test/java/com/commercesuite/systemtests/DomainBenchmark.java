package com.commercesuite.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Figures, not assertions (bin/benchmark domain): the coupon admission path under many concurrent
 * requests, and orders from request to COMPLETED through the whole saga, on this machine, with the
 * four services as separate processes from their jars.
 */
public final class DomainBenchmark {

    private static final int COUPON_REQUESTS = Integer.getInteger("bench.coupon.requests", 20_000);
    private static final int COUPON_CONCURRENCY = Integer.getInteger("bench.coupon.concurrency", 200);
    private static final int ORDERS = Integer.getInteger("bench.orders", 2_000);
    private static final int ORDER_CONCURRENCY = Integer.getInteger("bench.order.concurrency", 32);

    private DomainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DomainServices services = DomainServices.get();
        Api api = new Api(services);
        couponIssuance(api);
        orders(api);
        services.all().forEach(ServiceProcess::stop);
        System.exit(0);
    }

    /** Distinct users racing for a coupon with half as many units as requests: admitted and sold-out answers alike. */
    private static void couponIssuance(Api api) throws InterruptedException {
        // Warm-up: the JIT and the connection pools, on a coupon of its own.
        long warmup = api.createFixedCoupon("warm-up", "1.00", 1_000);
        run(2_000, COUPON_CONCURRENCY, i -> api.issueCoupon(warmup, 1_000_000L + i).status());

        long couponId = api.createFixedCoupon("benchmark", "1.00", COUPON_REQUESTS / 2);
        long userBase = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        Result result = run(COUPON_REQUESTS, COUPON_CONCURRENCY, i -> {
            int status = api.issueCoupon(couponId, userBase + i).status();
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            return status;
        });
        System.out.printf("domain-benchmark coupon-issue: %d requests, %d concurrent: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms; answers %s%n",
                COUPON_REQUESTS, COUPON_CONCURRENCY, result.perSecond(), result.percentile(50), result.percentile(99),
                result.percentile(100), statuses);
    }

    /** Orders from distinct users for well-stocked products: every order should complete. */
    private static void orders(Api api) throws InterruptedException {
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            products.add(api.createProduct("bench " + UUID.randomUUID(), "9.99", 1_000_000));
        }
        int users = 200;
        long userBase = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        for (int u = 0; u < users; u++) {
            api.charge(userBase + u, "1000000.00");
        }
        var placedAt = new ConcurrentHashMap<Long, Instant>();
        Instant start = Instant.now();
        run(ORDERS, ORDER_CONCURRENCY, i -> {
            var random = ThreadLocalRandom.current();
            Map<String, Object> order = OrderSagaIntegrationTests.order(userBase + random.nextInt(users),
                    products.get(random.nextInt(products.size())), 1 + random.nextInt(3), null);
            Instant sent = Instant.now();
            Api.Answer answer = api.placeOrder(UUID.randomUUID().toString(), order);
            placedAt.put(answer.body().path("orderId").asLong(), sent);
            return answer.status();
        });
        Instant allPlaced = Instant.now();
        double[] latencies = new double[placedAt.size()];
        int i = 0;
        Instant lastCompleted = start;
        int cancelled = 0;
        for (var entry : placedAt.entrySet()) {
            JsonNode order = awaitFinished(api, entry.getKey());
            if (!"COMPLETED".equals(order.path("status").asString())) {
                cancelled++;
                continue;
            }
            Instant completedAt = Instant.parse(order.path("completedAt").asString());
            latencies[i++] = Duration.between(entry.getValue(), completedAt).toNanos() / 1e6;
            if (completedAt.isAfter(lastCompleted)) {
                lastCompleted = completedAt;
            }
        }
        var result = new Result(Arrays.copyOf(latencies, i), Duration.between(start, lastCompleted));
        System.out.printf("domain-benchmark orders: %d orders, %d concurrent clients, placed in %.1f s; %d completed, %d cancelled: %.0f orders/s completed; request to COMPLETED p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                ORDERS, ORDER_CONCURRENCY, Duration.between(start, allPlaced).toMillis() / 1e3, i, cancelled,
                result.perSecond(), result.percentile(50), result.percentile(99), result.percentile(100));
    }

    private static JsonNode awaitFinished(Api api, long orderId) throws InterruptedException {
        while (true) {
            JsonNode order = api.order(orderId);
            if (!"PENDING".equals(order.path("status").asString())) {
                return order;
            }
            Thread.sleep(100);
        }
    }

    interface Call {
        int call(int index) throws Exception;
    }

    record Result(double[] millis, Duration elapsed) {
        double perSecond() {
            return millis.length / (elapsed.toNanos() / 1e9);
        }

        double percentile(double p) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /** Runs {@code total} calls, at most {@code concurrency} at once, on virtual threads; latency per call. */
    private static Result run(int total, int concurrency, Call call) throws InterruptedException {
        double[] millis = new double[total];
        var permits = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                permits.acquire();
                int index = i;
                executor.submit(() -> {
                    long begin = System.nanoTime();
                    try {
                        call.call(index);
                    } catch (Exception e) {
                        System.err.println("call " + index + " failed: " + e);
                    } finally {
                        millis[index] = (System.nanoTime() - begin) / 1e6;
                        permits.release();
                    }
                    return null;
                });
            }
        }
        return new Result(millis, Duration.ofNanos(System.nanoTime() - start));
    }
}
