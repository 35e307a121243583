package com.commercesuite.systemtests;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Figures, not assertions (bin/benchmark domain): the coupon admission path under many concurrent
 * requests, and orders from request to COMPLETED through the whole saga, on this machine, with the
 * four services and the gateway as separate processes from their jars, and the CPU each process
 * spent per request. {@code bin/benchmark domain coupons} or {@code orders} runs one part. In the
 * system tests' package: it drives the services with their package-private helpers (system-tests'
 * test jar).
 */
public final class DomainBenchmark {

    private static final int COUPON_REQUESTS = Integer.getInteger("bench.coupon.requests", 10_000);
    private static final int COUPON_CONCURRENCY = Integer.getInteger("bench.coupon.concurrency", 200);
    private static final int COUPON_WARMUP = Integer.getInteger("bench.coupon.warmup", 15_000);
    private static final int COUPON_ROUNDS = Integer.getInteger("bench.coupon.rounds", 5);
    private static final int ORDERS = Integer.getInteger("bench.orders", 1_500);
    private static final int ORDER_CONCURRENCY = Integer.getInteger("bench.order.concurrency", 32);
    private static final int LATENCY_SECONDS = Integer.getInteger("bench.order.latency.seconds", 20);
    private static final int USERS = 200;

    private DomainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DomainServices services = DomainServices.get();
        Gateway gateway = new Gateway(services).start();
        var processes = new ArrayList<>(services.all());
        processes.add(gateway.process());
        CpuMeter cpu = new CpuMeter(processes);
        Api direct = new Api(services);
        Api edge = new Api(services, gateway);
        String phases = args.length > 0 ? args[0] : "coupons,orders";
        if (phases.contains("coupons")) {
            couponIssuance(edge, direct, cpu);
        }
        if (phases.contains("orders")) {
            orders(edge, direct, cpu, List.of(services.orders, services.products, services.balances));
        }
        gateway.stop();
        services.all().forEach(ServiceProcess::stop);
        System.exit(0);
    }

    /**
     * Distinct users asking for coupons, {@code COUPON_CONCURRENCY} requests in flight, through the
     * gateway and then straight to coupon-service: first on a coupon with enough units for all
     * (every answer an admission: Redis, then the group commit of the issuances with their outbox
     * rows), then on a sold-out coupon (Redis alone answers), the anchor the admitted path is held
     * against: in {@code bench.coupon.rounds} alternating slices, so that both paths see the same
     * machine. Then admissions at a steady rate through the gateway (an open loop) for the latency.
     */
    private static void couponIssuance(Api edge, Api direct, CpuMeter cpu) throws InterruptedException {
        long userBase = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        var users = new AtomicLong(userBase);
        // Warm-up: the JIT and the connection pools of both paths and both answers, on coupons of their own.
        long warmup = edge.createFixedCoupon("warm-up", "1.00", 2 * COUPON_WARMUP);
        long warmupSoldOut = edge.createFixedCoupon("warm-up sold out", "1.00", 1);
        for (Api api : List.of(edge, direct)) {
            for (long coupon : List.of(warmup, warmupSoldOut)) {
                run(COUPON_WARMUP, COUPON_CONCURRENCY, i -> api.issueCoupon(coupon, users.incrementAndGet()).status());
            }
        }
        for (Api api : List.of(edge, direct)) {
            String path = api.throughGateway() ? "gateway" : "direct";
            long plenty = edge.createFixedCoupon("benchmark", "1.00", COUPON_REQUESTS);
            long soldOut = edge.createFixedCoupon("benchmark sold out", "1.00", 1);
            edge.issueCoupon(soldOut, users.incrementAndGet());
            var admitted = new Slices(path + " admitted", plenty, true);
            var refused = new Slices(path + " sold-out", soldOut, false);
            var ratios = new ArrayList<String>();
            int perRound = COUPON_REQUESTS / COUPON_ROUNDS;
            for (int round = 0; round < COUPON_ROUNDS; round++) {
                // The two paths take turns going first, so a machine that speeds up or slows down
                // during the run favours neither.
                for (Slices slices : round % 2 == 0 ? List.of(admitted, refused) : List.of(refused, admitted)) {
                    slices.add(api, perRound, users, cpu);
                }
                ratios.add("%.0f%%".formatted(100 * admitted.last.perSecond() / refused.last.perSecond()));
            }
            admitted.print();
            refused.print();
            System.out.printf("domain-benchmark coupon-issue %s: admitted at %.0f%% of the sold-out path's requests/s (rounds: %s); the wallets caught up %s after a round's last 202%n",
                    path, 100 * admitted.perSecond() / refused.perSecond(), String.join(", ", ratios), admitted.drains());
        }
        int rate = Integer.getInteger("bench.coupon.rate", 1_000);
        int total = rate * Integer.getInteger("bench.coupon.rate.seconds", 20);
        long steady = edge.createFixedCoupon("benchmark steady", "1.00", total);
        long first = users.getAndAdd(total);
        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        Result result = runAtRate(total, rate, counted(statuses, i -> edge.issueCoupon(steady, first + 1 + i).status()));
        System.out.printf("domain-benchmark coupon-issue gateway steady: %d admissions/s offered for %d s (open loop): p50 %.1f ms, p99 %.1f ms, max %.1f ms; answers %s%n",
                rate, total / rate, result.percentile(50), result.percentile(99), result.percentile(100), statuses);
    }

    /**
     * One path's slices of a coupon run, {@code COUPON_CONCURRENCY} requests in flight, summed. After
     * an admitted slice it waits until every admission so far is in a wallet (the relay and the
     * wallet's consumer caught up) before the next slice starts, and counts that CPU to the slice:
     * the sold-out anchor then never pays for the admitted path's tail, and an admission's CPU is all
     * of its work.
     */
    private static final class Slices {

        private final String name;
        private final long couponId;
        private final boolean admitting;
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final List<double[]> latencies = new ArrayList<>();
        private final Map<String, Long> cpuTicks = new LinkedHashMap<>();
        private final List<Long> drainMillis = new ArrayList<>();
        private Duration elapsed = Duration.ZERO;
        private int requests;
        private Result last;

        /** @param admitting every request is admitted: each slice waits until its users hold the coupon */
        Slices(String name, long couponId, boolean admitting) {
            this.name = name;
            this.couponId = couponId;
            this.admitting = admitting;
        }

        void add(Api api, int count, AtomicLong users, CpuMeter cpu) throws InterruptedException {
            long first = users.getAndAdd(count);
            var before = cpu.now();
            last = run(count, COUPON_CONCURRENCY, counted(statuses, i -> api.issueCoupon(couponId, first + 1 + i).status()));
            if (admitting) {
                drainMillis.add(awaitWallets(couponId, requests + count));
            }
            var after = cpu.now();
            after.forEach((process, ticks) -> cpuTicks.merge(process, ticks - before.getOrDefault(process, 0L), Long::sum));
            latencies.add(last.millis());
            elapsed = elapsed.plus(last.elapsed());
            requests += count;
        }

        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        String drains() {
            return drainMillis.stream().map(ms -> ms + " ms").collect(Collectors.joining(", "));
        }

        void print() {
            var all = new Result(latencies.stream().flatMapToDouble(Arrays::stream).toArray(), elapsed);
            System.out.printf("domain-benchmark coupon-issue %s: %d requests in %d rounds, %d concurrent: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms; answers %s%n",
                    name, requests, latencies.size(), COUPON_CONCURRENCY, perSecond(), all.percentile(50),
                    all.percentile(99), all.percentile(100), statuses);
            System.out.printf("domain-benchmark coupon-issue %s: CPU per request: %s%n", name,
                    CpuMeter.perUnit(Map.of(), cpuTicks, requests));
        }
    }

    /** Waits until the coupon is in {@code expected} wallets; how long that took, in ms. */
    private static long awaitWallets(long couponId, int expected) throws InterruptedException {
        long start = System.nanoTime();
        try (Connection db = database("coupon");
                PreparedStatement query = db.prepareStatement("select count(*) from user_coupons where coupon_id = ?")) {
            query.setLong(1, couponId);
            while (true) {
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= expected) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read coupon-service's wallets", e);
        }
    }

    /** The call, counting its answers by status. */
    private static Call counted(Map<Integer, AtomicInteger> statuses, Call call) {
        return i -> {
            int status = call.call(i);
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            return status;
        };
    }

    /**
     * Orders from distinct users for well-stocked products, so every order completes: first as many
     * as the saga can take (throughput), through the gateway and then straight to order-service, then
     * at steady rates through the gateway (latency, request to COMPLETED; {@code bench.order.rates}).
     *
     * @param sagaServices the services whose relays carry an order's saga, for their batches' figures
     */
    private static void orders(Api api, Api direct, CpuMeter cpu, List<ServiceProcess> sagaServices)
            throws SQLException, InterruptedException, IOException {
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            products.add(api.createProduct("bench " + UUID.randomUUID(), "9.99", 1_000_000));
        }
        long userBase = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        for (int u = 0; u < USERS; u++) {
            api.charge(userBase + u, "1000000.00");
        }
        var placedAt = new ConcurrentHashMap<Long, Instant>();
        // Warm-up: the JIT, the pools and every consumer's assignment.
        run(Integer.getInteger("bench.order.warmup", 3_000), ORDER_CONCURRENCY, i -> place(api, placedAt, userBase, products));
        completion(placedAt, Instant.now());
        awaitNothingReserved(products);
        Map<String, Double> idle = idleSuite(cpu);
        for (Api edge : List.of(api, direct)) {
            placedAt.clear();
            awaitNothingReserved(products);
            var before = cpu.now();
            long startNanos = System.nanoTime();
            Instant start = Instant.now();
            var answers = new ConcurrentHashMap<Integer, AtomicInteger>();
            run(ORDERS, ORDER_CONCURRENCY, counted(answers, i -> place(edge, placedAt, userBase, products)));
            Completion burst = completion(placedAt, start);
            // The orders are COMPLETED before product-service has shipped their stock: until the last
            // ConfirmStock is applied, so the CPU is the saga's whole work and the next run does not
            // queue behind it.
            awaitNothingReserved(products);
            var after = cpu.now();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            String path = edge.throughGateway() ? "gateway" : "direct";
            System.out.printf("domain-benchmark orders throughput (%s): %d orders placed by %d concurrent clients, answers %s; %d completed, %d cancelled: %.0f orders/s completed%n",
                    path, ORDERS, ORDER_CONCURRENCY, answers, burst.latencies().millis().length, burst.cancelled(), burst.latencies().perSecond());
            System.out.printf("domain-benchmark orders (%s) CPU per completed order: %s%n", path,
                    CpuMeter.perUnit(before, after, Math.max(1, burst.latencies().millis().length)));
            System.out.printf("domain-benchmark orders (%s) CPU per completed order above the idle suite: %s%n", path,
                    CpuMeter.perUnitAboveIdle(before, after, idle, seconds, Math.max(1, burst.latencies().millis().length)));
        }

        for (String rateText : System.getProperty("bench.order.rates", "20,100").split(",")) {
            int rate = Integer.parseInt(rateText.trim());
            placedAt.clear();
            awaitNothingReserved(products);
            Instant start = Instant.now();
            ProducerToolProbe kafkaAlone = ProducerToolProbe.start(LATENCY_SECONDS);
            RelayBatches relays = RelayBatches.start(sagaServices);
            runAtRate(rate * LATENCY_SECONDS, rate, i -> place(api, placedAt, userBase, products));
            Result steady = completion(placedAt, start).latencies();
            System.out.printf("domain-benchmark orders latency (gateway): %d orders/s for %d s: request to COMPLETED p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    rate, LATENCY_SECONDS, steady.percentile(50), steady.percentile(99), steady.percentile(100));
            if (kafkaAlone != null) {
                System.out.printf("domain-benchmark orders latency (gateway): %d orders/s, Kafka's producer tool in the same seconds: %s%n",
                        rate, kafkaAlone.finish());
            }
            System.out.printf("domain-benchmark orders latency (gateway): %d orders/s, the relays' batches, ms awaiting the last mark / reading / sending until the last acknowledgement: %s%n",
                    rate, relays.finish());
            SagaHops.print("orders latency (gateway): %d orders/s".formatted(rate), placedAt.keySet());
        }
    }

    /**
     * What each process spends while nothing is asked of the suite (consumers' polls and heartbeats,
     * the relays' and the saga sweeper's rounds, Kafka's replication), measured after the warm-up:
     * the standing cost that a run's CPU per order carries, spread over however many orders it made.
     */
    private static Map<String, Double> idleSuite(CpuMeter cpu) throws InterruptedException {
        int seconds = Integer.getInteger("bench.idle.seconds", 15);
        var before = cpu.now();
        long startNanos = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds)); // the measured window itself, nothing is awaited
        var after = cpu.now();
        Map<String, Double> idle = CpuMeter.perSecond(before, after, (System.nanoTime() - startNanos) / 1e9);
        System.out.printf("domain-benchmark idle suite, %d s after the warm-up: %s%n", seconds, CpuMeter.format(idle));
        return idle;
    }

    /** Until product-service has released or shipped every unit held for the run's orders. */
    private static void awaitNothingReserved(List<Long> products) throws SQLException, InterruptedException {
        try (Connection db = database("product");
                PreparedStatement query = db.prepareStatement("select count(*) from products where id = any(?) and reserved <> 0")) {
            query.setArray(1, db.createArrayOf("bigint", products.toArray()));
            while (true) {
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    private static int place(Api api, Map<Long, Instant> placedAt, long userBase, List<Long> products) {
        var random = ThreadLocalRandom.current();
        Map<String, Object> order = Api.order(userBase + random.nextInt(USERS),
                products.get(random.nextInt(products.size())), 1 + random.nextInt(3), null);
        Instant sent = Instant.now();
        Api.Answer answer = api.placeOrder(UUID.randomUUID().toString(), order);
        if (answer.status() == 202) {
            placedAt.put(answer.body().path("orderId").asLong(), sent);
        }
        return answer.status();
    }

    record Completion(Result latencies, int cancelled) {
    }

    /**
     * Waits for every order to finish; latency is the order's own completedAt minus when its request
     * was sent. Read from order-service's database, one query every 100 ms for all the run's orders:
     * the measurement adds no request per order to the processes it measures.
     */
    private static Completion completion(Map<Long, Instant> placedAt, Instant start) throws SQLException, InterruptedException {
        Map<Long, Instant> completedAt = new HashMap<>();
        int cancelled;
        try (Connection db = database("order");
                PreparedStatement pending = db.prepareStatement("select count(*) filter (where status = 'PENDING'),"
                        + " count(*) filter (where status = 'CANCELLED') from orders where id = any(?)");
                PreparedStatement finished = db.prepareStatement(
                        "select id, completed_at from orders where id = any(?) and status = 'COMPLETED'")) {
            Array ids = db.createArrayOf("bigint", placedAt.keySet().toArray());
            pending.setArray(1, ids);
            while (true) {
                try (ResultSet rs = pending.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        cancelled = rs.getInt(2);
                        break;
                    }
                }
                Thread.sleep(100);
            }
            finished.setArray(1, ids);
            try (ResultSet rs = finished.executeQuery()) {
                while (rs.next()) {
                    completedAt.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        double[] latencies = new double[completedAt.size()];
        int completed = 0;
        Instant lastCompleted = start;
        for (var entry : completedAt.entrySet()) {
            latencies[completed++] = Duration.between(placedAt.get(entry.getKey()), entry.getValue()).toNanos() / 1e6;
            if (entry.getValue().isAfter(lastCompleted)) {
                lastCompleted = entry.getValue();
            }
        }
        return new Completion(new Result(latencies, Duration.between(start, lastCompleted)), cancelled);
    }

    /** A service's test database, read as the service's own user: measurement, not load. */
    static Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name + "_test", name, name);
    }

    /**
     * Starts one call every 1/rate seconds whatever the answers take (an open loop: no coordinated
     * omission); the latency of each call counts from when it was due.
     */
    private static Result runAtRate(int total, int rate, Call call) throws InterruptedException {
        double[] millis = new double[total];
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                int index = i;
                executor.submit(() -> timed(call, index, due, millis));
            }
        }
        return new Result(millis, Duration.ofNanos(System.nanoTime() - start));
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
                    try {
                        timed(call, index, System.nanoTime(), millis);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        return new Result(millis, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Makes one call and records its latency from {@code since} (nanoTime); a failure is reported, not thrown. */
    private static void timed(Call call, int index, long since, double[] millis) {
        try {
            call.call(index);
        } catch (Exception e) {
            System.err.println("call " + index + " failed: " + e);
        } finally {
            millis[index] = (System.nanoTime() - since) / 1e6;
        }
    }
}
