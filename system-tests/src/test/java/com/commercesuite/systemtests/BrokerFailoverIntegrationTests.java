package com.commercesuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.commercesuite.events.Topic;
import com.commercesuite.testsupport.SuiteCommand;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 or a clean stop of the Kafka node that leads the most partitions while orders flow, then
 * the node started again; and two of the three nodes down at once, when no partition can take an
 * acks=all write: the partitions get new leaders, the relays and consumers go on (or wait, holding
 * the events in the outboxes), and afterwards every order completed with each step applied once,
 * also when the outage ({@code failover.outage}, e.g. {@code 120s}) outlasts a saga step's timeout.
 * Runs on the local three-node cluster (the
 * default of bin/test), driving the nodes with {@code bin/suite broker} as a person would.
 */
class BrokerFailoverIntegrationTests {

    private static final int USERS = 10;
    private static final BigDecimal CHARGED = new BigDecimal("10000.00");
    private static final int STOCK = 100_000;
    private static final Duration BETWEEN_ORDERS = Duration.ofMillis(100);
    /** How soon after a restarted node is back in sync a new order must complete. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final DomainServices services = DomainServices.get();
    private final Api api = new Api(services);
    private final OrderSagaIntegrationTests saga = new OrderSagaIntegrationTests();

    @Test
    void killingTheBusiestBrokerUnderOrderLoadLosesNoOrderAndAppliesNoStepTwice() throws Exception {
        failOver("kill", "kill -9");
    }

    @Test
    void stoppingTheBusiestBrokerCleanlyHandsItsLeadersOverAndLosesNoOrder() throws Exception {
        // Controlled shutdown: the node asks the controller to move its leaders before it exits.
        failOver("stop", "SIGTERM");
    }

    @Test
    void twoBrokersDownKeepEveryAcceptedOrderUntilOneReturns() throws Exception {
        try (Admin admin = admin()) {
            Load load = prepare(admin);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> placing = load.start(pool);
                List<Integer> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                        .map(n -> n.id()).sorted().toList();
                int first = nodes.get(0);
                int second = nodes.get(1);
                SuiteCommand.run("broker", "kill", Integer.toString(first));
                SuiteCommand.run("broker", "kill", Integer.toString(second));
                // No partition can take acks=all writes now (min.insync.replicas 2): the outboxes hold
                // what the services accept, and the services keep accepting.
                int placedBefore = load.orders.size();
                long killed = System.nanoTime();
                // CI keeps the outage short; bin/check-failover holds it for minutes, longer than a saga step's timeout.
                Duration outage = Duration.parse("PT" + System.getProperty("failover.outage", "0s"));
                await("orders still accepted with one node of three").atMost(outage.plusSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> load.orders.size() >= placedBefore + 30 && System.nanoTime() - killed >= outage.toNanos());
                long restarted = System.nanoTime();
                SuiteCommand.run("broker", "start", Integer.toString(first));
                await("writes possible again: every partition has two in-sync replicas")
                        .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> catalog(admin), partitionsAll(p -> p.leader() != null && p.isr().size() >= 2));
                long writable = System.nanoTime();
                SuiteCommand.run("broker", "start", Integer.toString(second));
                await("every node back in sync").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> catalog(admin), partitionsAll(p -> p.isr().size() == p.replicas().size()));
                load.stop(placing);
                System.out.printf("broker-failover two of three nodes (%d, %d) killed for %d s: %d orders placed while one node ran;"
                                + " writable %d ms after the first restart; outbox commit-to-ack max %s%n",
                        first, second, TimeUnit.NANOSECONDS.toSeconds(restarted - killed), load.orders.size() - placedBefore,
                        TimeUnit.NANOSECONDS.toMillis(writable - restarted), longestCommitToAck());
            }
            load.assertEveryOrderCompletedOnce();
        }
    }

    /**
     * Takes down the node that leads the most partitions ({@code kill} or {@code stop}) under order
     * load, then starts it again, {@code failover.rounds} times in a row (1 in CI; bin/check-failover
     * asks for more): after each restart a new order must complete within {@link #RECOVERY}.
     */
    private void failOver(String how, String label) throws Exception {
        int rounds = Integer.getInteger("failover.rounds", 1);
        try (Admin admin = admin()) {
            Load load = prepare(admin);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> placing = load.start(pool);
                for (int round = 1; round <= rounds; round++) {
                    int busiest = busiestLeader(catalog(admin));
                    long downed = System.nanoTime();
                    // The command returns when the process has exited; a clean stop moves the leaders before that.
                    Future<?> down = pool.submit(() -> {
                        SuiteCommand.run("broker", how, Integer.toString(busiest));
                        return null;
                    });
                    await("every partition led by a live node").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                            .until(() -> catalog(admin), partitionsAll(p -> p.leader() != null && p.leader().id() != busiest));
                    long leadersBack = System.nanoTime();
                    down.get();
                    int placedDuringOutage = load.orders.size();
                    await("orders still accepted without the node").atMost(Duration.ofSeconds(30))
                            .until(() -> load.orders.size() >= placedDuringOutage + 30);

                    long restarted = System.nanoTime();
                    SuiteCommand.run("broker", "start", Integer.toString(busiest));
                    await("the node back in every in-sync replica set").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                            .until(() -> catalog(admin), partitionsAll(p -> p.isr().size() == p.replicas().size()));
                    long inSync = System.nanoTime();
                    long probe = saga.place(Api.order(load.users.getFirst(), load.product, 1, null));
                    load.orders.add(probe);
                    long probePlaced = System.nanoTime();
                    JsonNode completed = await("an order placed after the restart completes").atMost(RECOVERY)
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> api.order(probe), o -> !"PENDING".equals(o.path("status").asString()));
                    assertThat(completed.path("status").asString()).as("order %d after round %d", probe, round).isEqualTo("COMPLETED");
                    System.out.printf("broker-failover round %d/%d, %s of node %d (the busiest leader): every partition led again"
                                    + " after %d ms; back in sync %d ms after its start; a new order completed in %d ms;"
                                    + " outbox commit-to-ack max %s; %d orders placed so far%n", round, rounds, label, busiest,
                            TimeUnit.NANOSECONDS.toMillis(leadersBack - downed), TimeUnit.NANOSECONDS.toMillis(inSync - restarted),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probePlaced), longestCommitToAck(), load.orders.size());
                }
                load.stop(placing);
            }
            load.assertEveryOrderCompletedOnce();
        }
    }

    private Load prepare(Admin admin) throws Exception {
        assumeThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).as("a cluster of three nodes").hasSize(3);
        long product = api.createProduct("failover " + UUID.randomUUID(), "2.50", STOCK);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(OrderSagaIntegrationTests.newUserId());
            api.charge(users.getLast(), CHARGED.toPlainString());
        }
        return new Load(product, users);
    }

    /** Orders placed at a steady pace by funded users of one product, and what must hold for them afterwards. */
    private final class Load {

        final long product;
        final List<Long> users;
        final Collection<Long> orders = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean placing = new AtomicBoolean(true);

        Load(long product, List<Long> users) {
            this.product = product;
            this.users = users;
        }

        Future<?> start(ExecutorService pool) {
            Future<?> running = pool.submit(() -> placeUntilStopped(product, users, orders, placing));
            await("orders flowing").atMost(Duration.ofSeconds(30)).until(() -> orders.size() >= 20);
            return running;
        }

        void stop(Future<?> running) throws Exception {
            placing.set(false);
            running.get();
        }

        void assertEveryOrderCompletedOnce() {
            List<JsonNode> finished = orders.stream().map(saga::awaitFinished).toList();
            assertThat(finished).as("funded orders of plenty of stock").allSatisfy(o ->
                    assertThat(o.path("status").asString()).as("order %s", o.path("orderId")).isEqualTo("COMPLETED"));
            Map<Long, BigDecimal> paid = finished.stream().collect(Collectors.groupingBy(o -> o.path("userId").asLong(),
                    Collectors.reducing(BigDecimal.ZERO, o -> o.path("finalAmount").decimalValue(), BigDecimal::add)));
            int sold = finished.stream().mapToInt(o -> o.path("items").get(0).path("quantity").asInt()).sum();
            saga.awaitNothingReserved(product, STOCK - sold);
            for (long user : users) {
                assertThat(api.balance(user)).as("balance of %d", user)
                        .isEqualByComparingTo(CHARGED.subtract(paid.getOrDefault(user, BigDecimal.ZERO)));
            }
        }
    }

    /** The longest time from an outbox append to the broker's acknowledgement, per domain service, from its own metrics. */
    private String longestCommitToAck() {
        return services.all().stream().map(s -> "%s %.2f s".formatted(s.name(), s.metric("outbox_commit_to_ack_seconds_max")))
                .collect(Collectors.joining(", "));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, DomainServices.KAFKA));
    }

    private void placeUntilStopped(long product, List<Long> users, Collection<Long> orders, AtomicBoolean placing) {
        int next = 0;
        while (placing.get()) {
            long user = users.get(next++ % users.size());
            orders.add(saga.place(Api.order(user, product, 1, null)));
            try {
                Thread.sleep(BETWEEN_ORDERS); // the pace of the load, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<String, TopicDescription> catalog(Admin admin) throws Exception {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
    }

    private static Predicate<Map<String, TopicDescription>> partitionsAll(Predicate<TopicPartitionInfo> condition) {
        return topics -> topics.values().stream().flatMap(t -> t.partitions().stream()).allMatch(condition);
    }

    private static int busiestLeader(Map<String, TopicDescription> topics) {
        return topics.values().stream().flatMap(t -> t.partitions().stream())
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

}
